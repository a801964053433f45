using Collab.Editing.Application.Sessions;
using Collab.Editing.Components.Grid;
using Collab.Editing.Contracts;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Collab.Editing.Components.Pages;

/// <summary>
/// <c>/models/{id}</c>: the live grid. Joins the model's shared session as this circuit's member (view state only:
/// the workbook stays shared), and wires the grid, the formula bar, the tabs, conflicts, the connection indicator and
/// the components other modules contribute (Presence's avatars and cursors when it is enabled).
/// An unknown model, or one the person may not see, is the 404 page.
/// </summary>
public sealed partial class ModelPage : ComponentBase, IAsyncDisposable
{
    private GridController? _controller;
    private BrowserEditingSession? _session;
    private string? _modelName;
    private SheetGrid? _grid;
    private ElementReference _indicator;
    private IReadOnlyList<GridContribution> _toolbar = [];
    private IReadOnlyList<GridContribution> _overlays = [];
    private bool _attached;
    private bool _accessRemoved;
    private bool _disposed;

    /// <summary>The model's id, from the address.</summary>
    [Parameter]
    public string ModelId { get; set; } = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    internal ModelSessionManager Sessions { get; set; } = default!;

    [Inject]
    private IModelAuthorization Authorization { get; set; } = default!;

    [Inject]
    private IUserDirectory Users { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IEnumerable<GridContribution> Contributions { get; set; } = default!;

    [Inject]
    private Kernel.Modules.IModelDirectory Models { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The controller once the model is open (for tests).</summary>
    internal GridController? Controller => _controller;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        var actor = user.ToActor();
        if (await Authorization.GetRoleAsync(actor, ModelId) == ModelRole.None)
        {
            Navigation.NotFound();
            return;
        }

        _modelName = await Models.NameOfAsync(ModelId);

        // Prerendering shows the frame only; the page joins the session once the circuit is live.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        var color = user.FindFirst(CollabClaims.Color)?.Value ?? "#1e88e5";
        _session = new BrowserEditingSession(Sessions, ModelId, actor, user.GetDisplayName(), color, action => InvokeAsync(action));
        if (!await _session.JoinAsync())
        {
            await _session.DisposeAsync();
            _session = null;
            Navigation.NotFound();
            return;
        }

        var state = new GridState(_session);
        state.Load();
        var ordered = Contributions.OrderBy(c => c.Order).ToList();
        _toolbar = ordered.Where(c => c.Slot == GridSlot.Toolbar).ToList();
        _overlays = ordered.Where(c => c.Slot == GridSlot.Overlay).ToList();
        _controller = new GridController(_session, state, JS) { NameOf = NameOfAsync };
        _controller.PageChanged += StateHasChanged;
        _controller.Notify += (text, error) => Snackbar.Add(text, error ? Severity.Error : Severity.Info);
        _session.RoleChanged += OnRoleChanged;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_controller is not null && _grid is not null && !_attached)
        {
            _attached = true;
            try
            {
                await _controller.AttachAsync(_grid.Root, _indicator);
            }
            catch (JSDisconnectedException)
            {
                // The browser left before the grid was attached.
            }
        }
    }

    private async Task ShareAsync()
    {
        var dialog = await Dialogs.ShowAsync<Permissions.Contracts.Components.ShareDialog>($"Share {_modelName}",
            new DialogParameters<Permissions.Contracts.Components.ShareDialog> { { d => d.ModelId, ModelId }, { d => d.ModelName, _modelName ?? "" } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
        await dialog.Result;
    }

    private void OnRoleChanged(ModelRole role)
    {
        if (role == ModelRole.None)
        {
            _accessRemoved = true;
        }

        StateHasChanged();
    }

    private async Task<string> NameOfAsync(string userId)
    {
        var member = Sessions.Members(ModelId).FirstOrDefault(m => m.UserId == userId);
        if (member is not null)
        {
            return member.DisplayName;
        }

        return (await Users.FindAsync(userId))?.DisplayName ?? "Someone";
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_controller is not null)
        {
            await _controller.DisposeAsync();
        }

        if (_session is not null)
        {
            _session.RoleChanged -= OnRoleChanged;
            await _session.DisposeAsync();
        }
    }
}
