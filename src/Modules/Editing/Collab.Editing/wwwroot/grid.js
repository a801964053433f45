// The live grid's browser side: keys, typing, mouse, clipboard, scrolling and column resizing for the model page,
// plus the connection indicator and the offline outbox. Loaded with import() (the content security policy allows
// 'self' scripts only: no inline script, no eval). Every edit is kept in localStorage as {opId, baseRevision, op}
// until the server side settles it, so that nothing is lost when the connection drops or the page is rebuilt: typed
// edits are stored here first; the server sends every other edit it makes for the page (paste, clear, rows, sheets,
// formats, undo) to be kept the same way ("keep"); and while the connection is down, Delete, paste and Ctrl+B are
// made into ops here and queued with typed ones. The server applies an op id once, so resubmitting is always safe.

const HEADER_HEIGHT = 24;
const ROW_HEADER_WIDTH = 56;
const ARROWS = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const NAVIGATION = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Tab', 'Home', 'End', 'PageUp', 'PageDown', 'Delete', 'F2', 'Escape']);
const CONTROL_KEYS = new Set(['z', 'y', 'b', 'Z', 'Y', 'B', 'Home', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

// "B12" -> [12, 2]: cells carry only their A1 name, to keep each rendered cell small on the server.
function position(name) {
    const m = /^([A-Z]+)(\d+)$/.exec(name || '');
    if (!m) {
        return [0, 0];
    }

    let column = 0;
    for (const ch of m[1]) {
        column = column * 26 + ch.charCodeAt(0) - 64;
    }

    return [+m[2], column];
}

function columnName(column) {
    let name = '';
    for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) {
        name = String.fromCharCode(65 + (c - 1) % 26) + name;
    }

    return name;
}

function newOpId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

// Tab-separated text as Excel and TabularText read it: rows by line breaks, cells by tabs, "quoted" cells may hold both.
function parseTabular(text) {
    const rows = [];
    let row = [];
    let cell = '';
    let i = 0;
    let quoted = false;
    while (i < text.length) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"' && text[i + 1] === '"') {
                cell += '"';
                i += 2;
                continue;
            }

            if (ch === '"') {
                quoted = false;
            } else {
                cell += ch;
            }

            i++;
            continue;
        }

        if (ch === '"' && cell === '') {
            quoted = true;
        } else if (ch === '\t') {
            row.push(cell);
            cell = '';
        } else if (ch === '\r' || ch === '\n') {
            row.push(cell);
            rows.push(row);
            row = [];
            cell = '';
            if (ch === '\r' && text[i + 1] === '\n') {
                i++;
            }
        } else {
            cell += ch;
        }

        i++;
    }

    if (cell !== '' || row.length > 0) {
        row.push(cell);
        rows.push(row);
    }

    const width = Math.max(0, ...rows.map(r => r.length));
    return rows.map(r => r.concat(Array(width - r.length).fill('')));
}

/** The ops one person in one model that the server has not settled yet. */
class Outbox {
    constructor(modelId, userId) {
        this.key = `collab.pending.${userId}.${modelId}`;
    }

    all() {
        try {
            return JSON.parse(localStorage.getItem(this.key) || '[]');
        } catch {
            return [];
        }
    }

    save(list) {
        try {
            if (list.length > 0) {
                localStorage.setItem(this.key, JSON.stringify(list));
            } else {
                localStorage.removeItem(this.key);
            }
        } catch {
            // Storage full or blocked: the edit still goes to the server; only the offline safety net is lost.
        }
    }

    add(entry) {
        const list = this.all();
        list.push(entry);
        this.save(list);
    }

    remove(ids) {
        const gone = new Set(ids);
        this.save(this.all().filter(e => !gone.has(e.opId)));
    }
}

class Grid {
    constructor(root, dotnet, options, indicator) {
        this.root = root;
        this.dotnet = dotnet;
        this.modelId = options.modelId;
        this.readOnly = !!options.readOnly;
        this.body = root.querySelector('.cg-body');
        this.editor = root.querySelector('.cg-editor');
        this.offlineLayer = root.querySelector('.cg-offline');
        this.indicator = indicator;
        this.outbox = new Outbox(options.modelId, options.userId);
        this.editing = null; // null, 'enter' (typing replaced the cell) or 'edit' (F2, double click: arrows move the caret)
        this.active = null;
        this.dragging = false;
        this.lastDrag = '';
        this.headerDrag = null;
        this.offlineMarks = new Map();
        this.flushing = false;
        this.flushTimer = 0;
        this.scrollFrame = 0;
        this.connection = navigator.onLine ? 'connected' : 'offline';
        this.listeners = [];

        this.on(this.editor, 'keydown', e => this.onKeyDown(e));
        this.on(this.editor, 'paste', e => this.onPaste(e));
        this.on(this.editor, 'blur', () => this.onBlur());
        this.on(this.body, 'mousedown', e => this.onMouseDown(e));
        this.on(this.body, 'dblclick', e => this.onDoubleClick(e));
        this.on(this.body, 'contextmenu', e => this.onContextMenu(e));
        this.on(root, 'mousedown', e => this.onHeaderMouseDown(e));
        this.on(document, 'mousemove', e => this.onMouseMove(e));
        this.on(document, 'mouseup', e => this.onMouseUp(e));
        this.on(root, 'scroll', () => this.scheduleViewport());
        this.on(window, 'online', () => this.setConnection('connected'));
        this.on(window, 'offline', () => this.setConnection('offline'));
        const reconnect = document.getElementById('components-reconnect-modal');
        if (reconnect) {
            this.on(reconnect, 'components-reconnect-state-changed', e => this.onReconnectState(e.detail && e.detail.state));
        }

        this.resizeObserver = new ResizeObserver(() => this.scheduleViewport());
        this.resizeObserver.observe(root);
        this.showConnection();
        this.reportViewport();
        this.focus();
        // Edits kept from before (a rebuilt page, or typed offline) go out once the page is live.
        setTimeout(() => this.flush(), 0);
    }

    on(target, type, handler) {
        target.addEventListener(type, handler);
        this.listeners.push(() => target.removeEventListener(type, handler));
    }

    // An edit made in the browser while the connection is down: kept with typed ones, sent when it is back.
    queueOffline(op, text) {
        const a = this.active;
        if (this.readOnly || !a) {
            return;
        }

        const entry = { opId: newOpId(), baseRevision: a.revision, op };
        this.outbox.add(entry);
        this.markOffline(entry.opId, a, text);
        this.showConnection();
    }

    offlineClear() {
        const a = this.active;
        if (a) {
            this.queueOffline({ type: 'clearRange', sheet: a.sheet, range: a.range || a.cell }, '');
        }
    }

    offlineBold() {
        const a = this.active;
        if (!a) {
            return;
        }

        const cell = this.body.querySelector(`.cg-cell[data-cell="${a.cell}"]`);
        const bold = !(cell ? cell.classList.contains('cg-bold') : a.bold);
        a.bold = bold;
        this.queueOffline({ type: 'setFormat', sheet: a.sheet, range: a.range || a.cell, format: { bold } }, cell ? cell.textContent : '');
    }

    offlinePaste(text) {
        const a = this.active;
        const rows = parseTabular(text);
        if (!a || rows.length === 0 || rows[0].length === 0) {
            return;
        }

        const row = a.startRow || a.row;
        const column = a.startColumn || a.column;
        const range = `${columnName(column)}${row}:${columnName(column + rows[0].length - 1)}${row + rows.length - 1}`;
        this.queueOffline({ type: 'setRange', sheet: a.sheet, range, inputs: rows }, rows[0][0]);
    }

    call(method, ...args) {
        return this.dotnet.invokeMethodAsync(method, ...args);
    }

    // Best effort: while offline a call may still get through (or fail quietly); typed edits never go this way.
    send(method, ...args) {
        this.call(method, ...args).catch(() => {
            if (this.connection === 'connected') {
                this.setConnection('reconnecting');
            }
        });
    }

    // ----- from the server -----

    setActive(info) {
        const moved = !this.active || this.active.cell !== info.cell || this.active.sheet !== info.sheet
            || this.active.left !== info.left || this.active.top !== info.top || this.active.width !== info.width;
        this.active = info;
        this.readOnly = !!info.readOnly;
        if (moved) {
            this.placeEditor();
        }
    }

    // The revision the page shows now: what edits made here while offline are based on.
    setRevision(revision) {
        if (this.active && revision > this.active.revision) {
            this.active.revision = revision;
        }
    }

    setReadOnly(readOnly) {
        this.readOnly = readOnly;
        if (readOnly && this.editing) {
            this.stopEditing();
        }
    }

    beginEdit(text) {
        if (this.readOnly) {
            return;
        }

        this.editing = 'edit';
        this.editor.value = text || '';
        this.showEditor();
        const end = this.editor.value.length;
        this.editor.setSelectionRange(end, end);
    }

    // An edit the server made for this page (not typed here): kept until settled, as typed ones are.
    keep(entry) {
        if (!entry || !entry.opId || this.outbox.all().some(e => e.opId === entry.opId)) {
            return;
        }

        this.outbox.add(entry);
        this.showConnection();
    }

    settled(ids) {
        this.outbox.remove(ids);
        for (const id of ids) {
            const mark = this.offlineMarks.get(id);
            if (mark) {
                mark.remove();
                this.offlineMarks.delete(id);
            }
        }

        this.showConnection();
    }

    scrollIntoView(left, top, width, height) {
        const root = this.root;
        const x = ROW_HEADER_WIDTH + left;
        const y = HEADER_HEIGHT + top;
        let scrollTop = root.scrollTop;
        let scrollLeft = root.scrollLeft;
        if (y - HEADER_HEIGHT < scrollTop) {
            scrollTop = y - HEADER_HEIGHT;
        } else if (y + height > scrollTop + root.clientHeight) {
            scrollTop = y + height - root.clientHeight;
        }

        if (x - ROW_HEADER_WIDTH < scrollLeft) {
            scrollLeft = x - ROW_HEADER_WIDTH;
        } else if (x + width > scrollLeft + root.clientWidth) {
            scrollLeft = Math.min(x - ROW_HEADER_WIDTH, x + width - root.clientWidth);
        }

        if (scrollTop !== root.scrollTop || scrollLeft !== root.scrollLeft) {
            root.scrollTo(scrollLeft, scrollTop);
        }
    }

    focus() {
        if (document.activeElement !== this.editor) {
            this.editor.focus({ preventScroll: true });
        }
    }

    detach() {
        for (const remove of this.listeners) {
            remove();
        }

        this.listeners = [];
        this.resizeObserver.disconnect();
        clearTimeout(this.flushTimer);
        cancelAnimationFrame(this.scrollFrame);
    }

    // ----- editing -----

    placeEditor() {
        const a = this.active;
        if (!a) {
            return;
        }

        const style = this.editor.style;
        style.left = `${a.left}px`;
        style.top = `${a.top}px`;
        style.minWidth = `${a.width}px`;
        style.width = this.editing ? `${Math.max(a.width, 160)}px` : `${a.width}px`;
        style.height = `${a.height}px`;
    }

    showEditor() {
        this.editor.classList.add('cg-editing');
        this.editor.dataset.editing = 'true';
        this.placeEditor();
        this.focus();
        this.send('EditStarted');
    }

    stopEditing() {
        this.editing = null;
        this.editor.classList.remove('cg-editing');
        delete this.editor.dataset.editing;
        this.editor.value = '';
        this.placeEditor();
    }

    commit(move) {
        const text = this.editor.value;
        const a = this.active;
        this.stopEditing();
        if (this.readOnly || !a) {
            return;
        }

        const entry = { opId: newOpId(), baseRevision: a.revision, op: { type: 'setCell', sheet: a.sheet, cell: a.cell, input: text } };
        this.outbox.add(entry);
        this.showConnection();
        if (this.connection !== 'connected') {
            this.markOffline(entry.opId, a, text);
            this.moveLocally(move);
            return;
        }

        this.moveLocally(move);
        this.call('Commit', entry.opId, text, move).catch(() => {
            this.markOffline(entry.opId, a, text);
            this.setConnection('reconnecting');
        });
    }

    cancel() {
        this.stopEditing();
        this.send('EditCancelled');
    }

    // Moves the active cell at once, before the server confirms it (and while offline, instead of it).
    moveLocally(move) {
        const a = this.active;
        if (!a || move === 'none') {
            return;
        }

        const row = a.row + (move === 'down' ? 1 : move === 'up' ? -1 : 0);
        const column = a.column + (move === 'right' ? 1 : move === 'left' ? -1 : 0);
        const cell = this.body.querySelector(`.cg-cell[data-cell="${columnName(column)}${row}"]`);
        if (cell && row >= 1 && column >= 1) {
            this.selectLocally(cell);
        }
    }

    selectLocally(cell) {
        if (!this.active) {
            return;
        }

        const [row, column] = position(cell.dataset.cell);
        this.active = {
            ...this.active, row, column, cell: cell.dataset.cell, range: cell.dataset.cell, startRow: row, startColumn: column,
            bold: cell.classList.contains('cg-bold'),
            left: cell.offsetLeft, top: cell.offsetTop, width: cell.offsetWidth, height: cell.offsetHeight,
        };
        this.placeEditor();
    }

    markOffline(opId, a, text) {
        if (this.offlineMarks.has(opId) || !this.offlineLayer) {
            return;
        }

        const mark = document.createElement('div');
        mark.className = 'cg-offline-cell';
        mark.dataset.pending = 'true';
        mark.dataset.offlineCell = a.cell;
        mark.title = 'Typed offline: sent when the connection is back';
        mark.textContent = text;
        Object.assign(mark.style, { left: `${a.left}px`, top: `${a.top}px`, width: `${a.width}px`, height: `${a.height}px` });
        this.offlineLayer.appendChild(mark);
        this.offlineMarks.set(opId, mark);
    }

    // ----- keys -----

    onKeyDown(e) {
        if (e.isComposing) {
            return;
        }

        const ctrl = e.ctrlKey || e.metaKey;
        if (this.editing) {
            if (e.key === 'Enter' && !e.altKey) {
                e.preventDefault();
                this.commit(e.shiftKey ? 'up' : 'down');
            } else if (e.key === 'Tab') {
                e.preventDefault();
                this.commit(e.shiftKey ? 'left' : 'right');
            } else if (e.key === 'Escape') {
                e.preventDefault();
                this.cancel();
            } else if (this.editing === 'enter' && ARROWS[e.key] && !e.shiftKey && !ctrl) {
                e.preventDefault();
                this.commit(ARROWS[e.key]);
            }

            return;
        }

        if (ctrl && (e.key === 'c' || e.key === 'C' || e.key === 'x' || e.key === 'X')) {
            e.preventDefault();
            this.copy(e.key === 'x' || e.key === 'X');
            return;
        }

        if (ctrl && (e.key === 'v' || e.key === 'V')) {
            return; // the paste event follows
        }

        if (this.connection !== 'connected' && !this.readOnly && (e.key === 'Delete' || (ctrl && (e.key === 'b' || e.key === 'B')))) {
            e.preventDefault();
            if (e.key === 'Delete') {
                this.offlineClear();
            } else {
                this.offlineBold();
            }

            return;
        }

        if (e.key === 'Delete' && !ctrl && !this.readOnly) {
            e.preventDefault();
            this.call('Key', 'Delete', e.shiftKey, false).catch(() => {
                // It did not reach the server: queued as an op (clearing twice changes nothing).
                this.setConnection('reconnecting');
                this.offlineClear();
            });
            return;
        }

        if (ctrl && CONTROL_KEYS.has(e.key)) {
            e.preventDefault();
            this.send('Key', e.key, e.shiftKey, true);
            return;
        }

        if (NAVIGATION.has(e.key)) {
            e.preventDefault();
            this.send('Key', e.key, e.shiftKey, ctrl);
            return;
        }

        if (e.key === 'Backspace' && !ctrl) {
            e.preventDefault();
            if (!this.readOnly) {
                this.editing = 'enter';
                this.editor.value = '';
                this.showEditor();
            }

            return;
        }

        if (e.key.length === 1 && !ctrl && !e.altKey) {
            if (this.readOnly) {
                e.preventDefault();
                this.send('Key', 'ReadOnly', false, false);
                return;
            }

            // Typing replaces the cell: the editor opens empty and the key's character goes into it.
            this.editing = 'enter';
            this.editor.value = '';
            this.showEditor();
        }
    }

    onBlur() {
        // Leaving the page's grid for another control commits what was typed, as a spreadsheet does.
        if (this.editing && !this.root.contains(document.activeElement)) {
            this.commit('none');
        }
    }

    copy(cut) {
        this.call('Copy', cut)
            .then(text => {
                this.clipboardText = text;
                return navigator.clipboard.writeText(text);
            })
            .catch(() => { /* no clipboard permission: the in-page copy still works through clipboardText */ });
    }

    onPaste(e) {
        if (this.editing) {
            return;
        }

        e.preventDefault();
        const text = (e.clipboardData && e.clipboardData.getData('text/plain')) || this.clipboardText || '';
        if (!text) {
            return;
        }

        if (this.connection !== 'connected') {
            this.offlinePaste(text);
            return;
        }

        this.call('Paste', text).catch(() => {
            // It did not reach the server: queued as a setRange (writing the same block twice changes nothing).
            this.setConnection('reconnecting');
            this.offlinePaste(text);
        });
    }

    // ----- mouse -----

    cellAt(target) {
        const cell = target && target.closest ? target.closest('.cg-cell[data-cell]') : null;
        return cell && this.body.contains(cell) ? cell : null;
    }

    onMouseDown(e) {
        if (e.button !== 0) {
            return;
        }

        const cell = this.cellAt(e.target);
        if (!cell) {
            return;
        }

        e.preventDefault();
        if (this.editing) {
            this.commit('none');
        }

        this.focus();
        this.selectLocally(cell);
        this.dragging = true;
        this.lastDrag = cell.dataset.cell;
        this.send('Pointer', 'down', ...position(cell.dataset.cell), e.shiftKey);
    }

    onMouseMove(e) {
        if (this.resizing) {
            this.moveResize(e);
            return;
        }

        if (this.headerDrag) {
            this.dragHeader(e);
            return;
        }

        if (!this.dragging) {
            return;
        }

        const cell = this.cellAt(document.elementFromPoint(e.clientX, e.clientY));
        if (cell && cell.dataset.cell !== this.lastDrag) {
            this.lastDrag = cell.dataset.cell;
            this.send('Pointer', 'drag', ...position(cell.dataset.cell), true);
        }
    }

    onMouseUp(e) {
        if (this.resizing) {
            this.endResize(e);
        }

        this.dragging = false;
        this.headerDrag = null;
    }

    // A drag that started on a column letter (row number) extends the whole-column (whole-row) selection to the column
    // (row) under the pointer, over the headers or over the cells, as Shift+click on it would.
    dragHeader(e) {
        const drag = this.headerDrag;
        const target = document.elementFromPoint(e.clientX, e.clientY);
        const header = target && target.closest ? target.closest(drag.kind === 'column' ? '.cg-colhead[data-col]' : '.cg-rowhead[data-row]') : null;
        let index = 0;
        if (header) {
            index = +(drag.kind === 'column' ? header.dataset.col : header.dataset.row);
        } else {
            const cell = this.cellAt(target);
            if (cell) {
                const [row, column] = position(cell.dataset.cell);
                index = drag.kind === 'column' ? column : row;
            }
        }

        if (index > 0 && index !== drag.index) {
            drag.index = index;
            this.send('Header', drag.kind, index, true);
        }
    }

    onDoubleClick(e) {
        const cell = this.cellAt(e.target);
        if (cell) {
            e.preventDefault();
            this.send('Pointer', 'dbl', ...position(cell.dataset.cell), false);
        }
    }

    onContextMenu(e) {
        const cell = this.cellAt(e.target);
        if (!cell) {
            return;
        }

        e.preventDefault();
        if (this.editing) {
            this.commit('none');
        }

        this.send('ContextMenu', ...position(cell.dataset.cell), e.clientX, e.clientY);
    }

    // ----- column resizing -----

    onHeaderMouseDown(e) {
        const handle = e.target.closest ? e.target.closest('.cg-resize') : null;
        if (!handle && e.button === 0 && e.target.closest) {
            // A header selects its whole column or row (Shift, or dragging on, extends); the corner selects the whole sheet.
            const column = e.target.closest('.cg-colhead[data-col]');
            const row = e.target.closest('.cg-rowhead[data-row]');
            const corner = e.target.closest('.cg-corner');
            if (column || row || corner) {
                e.preventDefault();
                if (this.editing) {
                    this.commit('none');
                }

                this.focus();
                if (column) {
                    this.headerDrag = { kind: 'column', index: +column.dataset.col };
                    this.send('Header', 'column', +column.dataset.col, e.shiftKey);
                } else if (row) {
                    this.headerDrag = { kind: 'row', index: +row.dataset.row };
                    this.send('Header', 'row', +row.dataset.row, e.shiftKey);
                } else {
                    this.send('Header', 'corner', 0, false);
                }
            }

            return;
        }

        if (!handle || e.button !== 0) {
            return;
        }

        e.preventDefault();
        e.stopPropagation();
        const header = handle.parentElement;
        const guide = document.createElement('div');
        guide.className = 'cg-resize-guide';
        Object.assign(guide.style, {
            position: 'fixed', top: `${this.root.getBoundingClientRect().top}px`, height: `${this.root.clientHeight}px`,
            width: '0', borderLeft: '2px solid #1e88e5', zIndex: 2000, left: `${e.clientX}px`, pointerEvents: 'none',
        });
        document.body.appendChild(guide);
        this.resizing = { column: +handle.dataset.col, startX: e.clientX, startWidth: header.offsetWidth, guide };
    }

    moveResize(e) {
        const r = this.resizing;
        const width = Math.max(24, r.startWidth + e.clientX - r.startX);
        r.guide.style.left = `${r.startX + width - r.startWidth}px`;
    }

    endResize(e) {
        const r = this.resizing;
        this.resizing = null;
        r.guide.remove();
        const width = Math.max(24, r.startWidth + e.clientX - r.startX);
        if (width !== r.startWidth) {
            this.send('ResizeColumn', r.column, width);
        }

        this.focus();
    }

    // ----- viewport -----

    scheduleViewport() {
        if (!this.scrollFrame) {
            this.scrollFrame = requestAnimationFrame(() => {
                this.scrollFrame = 0;
                this.reportViewport();
            });
        }
    }

    reportViewport() {
        const r = this.root;
        const key = `${r.scrollTop}|${r.scrollLeft}|${r.clientWidth}|${r.clientHeight}`;
        if (key !== this.lastViewport) {
            this.lastViewport = key;
            this.send('Viewport', r.scrollTop, r.scrollLeft, r.clientWidth, r.clientHeight);
        }
    }

    // ----- connection -----

    onReconnectState(state) {
        if (state === 'hide') {
            this.setConnection(navigator.onLine ? 'connected' : 'offline');
        } else if (state === 'show' || state === 'retrying' || state === 'paused') {
            this.setConnection(navigator.onLine ? 'reconnecting' : 'offline');
        } else if (state === 'failed' || state === 'rejected' || state === 'resume-failed') {
            this.setConnection('offline');
        }
    }

    setConnection(state) {
        if (state === 'connected' && !navigator.onLine) {
            state = 'offline';
        }

        this.connection = state;
        this.showConnection();
        if (state === 'connected') {
            this.lastViewport = '';
            this.reportViewport();
            this.flush();
        }
    }

    showConnection() {
        const el = this.indicator;
        if (!el) {
            return;
        }

        const waiting = this.outbox.all().length;
        const text = this.connection === 'connected'
            ? (waiting > 0 ? `Connected · sending ${waiting}` : 'Connected')
            : this.connection === 'reconnecting' ? 'Reconnecting…' : `Offline${waiting > 0 ? ` · ${waiting} edit${waiting === 1 ? '' : 's'} waiting` : ''}`;
        el.dataset.state = this.connection;
        el.dataset.waiting = String(waiting);
        el.textContent = text;
    }

    // Sends what the outbox holds; the server answers op ids it already has with their revision (applied once).
    flush() {
        if (this.flushing || this.connection !== 'connected') {
            return;
        }

        const entries = this.outbox.all();
        if (entries.length === 0) {
            return;
        }

        this.flushing = true;
        this.call('Resubmit', entries)
            .then(settled => {
                this.settled(settled.map(s => s.opId));
                this.flushing = false;
            })
            .catch(() => {
                this.flushing = false;
                clearTimeout(this.flushTimer);
                this.flushTimer = setTimeout(() => this.flush(), 2000);
            });
    }
}

/** Attaches the grid's browser side to its scrolling element; returns the object the server calls. */
export function attach(root, dotnet, options, indicator) {
    return new Grid(root, dotnet, options, indicator);
}
