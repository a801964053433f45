// Shows the reconnect bar while Blazor's circuit reconnects; the model page listens to the same events for its
// connection indicator. A circuit the server no longer has is rebuilt by reloading (the grid resubmits what waited).
const banner = document.getElementById('components-reconnect-modal');
const retry = document.getElementById('components-reconnect-button');

function onState(event) {
    const state = event.detail && event.detail.state;
    banner.dataset.state = state || '';
    if (state === 'show' || state === 'retrying' || state === 'paused') {
        banner.classList.add('reconnect-visible');
        banner.classList.remove('reconnect-failed');
    } else if (state === 'hide') {
        banner.classList.remove('reconnect-visible', 'reconnect-failed');
    } else if (state === 'failed' || state === 'resume-failed') {
        banner.classList.add('reconnect-visible', 'reconnect-failed');
    } else if (state === 'rejected') {
        location.reload();
    }
}

async function retryNow() {
    try {
        const reconnected = await Blazor.reconnect();
        if (!reconnected) {
            location.reload();
        }
    } catch {
        banner.classList.add('reconnect-failed');
    }
}

if (banner) {
    banner.addEventListener('components-reconnect-state-changed', onState);
    retry.addEventListener('click', retryNow);
}
