using System.Security.Claims;
using Bunit;
using Collab.Editing.Application.Sessions;
using Collab.Editing.Components.Grid;
using Collab.Editing.Components.Pages;
using Collab.Editing.Contracts;
using Collab.Editing.Core;
using Collab.Editing.Infrastructure;
using Collab.Kernel.Data;
using Collab.Kernel.Modules;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Engine;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace Collab.Editing.Tests;

/// <summary>
/// The model page over a real model session (the sequencer, a real SQLite op log in a temporary folder) with
/// in-memory stores around it; MudBlazor with loose JS interop; Alice signed in on an interactive server circuit.
/// </summary>
public abstract class GridTestContext : BunitContext, IAsyncLifetime
{
    public const string ModelId = "model-1";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "collab-editing-tests", Guid.NewGuid().ToString("N"));

    protected GridTestContext()
    {
        System.IO.Directory.CreateDirectory(_folder);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddMetrics();
        Services.AddLogging();
        var database = new CollabDatabase(Path.Combine(_folder, "collab.db"));
        using (var db = new EditingDbContext(ModuleDbContextExtensions.DesignTimeOptions<EditingDbContext>(EditingDbContext.TablePrefix, database.ConnectionString)))
        {
            db.Database.Migrate();
        }

        Services.AddSingleton(database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IOptions<EditingOptions>>(Options.Create(new EditingOptions()));
        Services.AddSingleton<IWorkbookStore>(Store);
        Services.AddSingleton<IModelAuthorization>(Authorization);
        Services.AddSingleton<IModelDirectory>(new Models());
        Services.AddSingleton<IUserDirectory>(new Users());
        Services.AddSingleton<OpLogStore>();
        Services.AddSingleton<SessionRegistry>();
        Services.AddSingleton<NotificationQueue>();
        Services.AddSingleton<EditingMetrics>();
        Services.AddSingleton<SessionServices>();
        Services.AddSingleton(sp => new ModelSessionManager(sp.GetRequiredService<SessionRegistry>(), sp.GetRequiredService<SessionServices>(), sp.GetRequiredService<IModelDirectory>(), NullLogger<ModelSessionManager>.Instance));
        Services.AddSingleton<IModelSessions>(sp => sp.GetRequiredService<ModelSessionManager>());
        AddAuthorization().SetAuthorized("Alice Anders").SetClaims(new Claim(ClaimTypes.NameIdentifier, "alice"), new Claim(CollabClaims.DisplayName, "Alice Anders"));
        SetRendererInfo(new RendererInfo("Server", true));
    }

    protected MemoryStore Store { get; } = new();

    protected Roles Authorization { get; } = new();

    /// <summary>A workbook with Sheet1 filled by <paramref name="fill"/>, stored at revision 0.</summary>
    protected void Seed(Action<Workbook> fill)
    {
        var workbook = new Workbook();
        workbook.AddSheet("Sheet1");
        fill(workbook);
        Store.Snapshot = workbook.ToSnapshot();
    }

    /// <summary>Renders the page and waits until the model is open.</summary>
    protected IRenderedComponent<ModelPage> RenderPage()
    {
        var page = Render<ModelPage>(p => p.Add(x => x.ModelId, ModelId));
        page.WaitForState(() => page.Instance.Controller is not null, TimeSpan.FromSeconds(10));
        return page;
    }

    protected static GridController ControllerOf(IRenderedComponent<ModelPage> page) => page.Instance.Controller!;

    /// <summary>The shared session of the model (what other members submit to).</summary>
    internal Task<ModelSession> SessionAsync() => Services.GetRequiredService<ModelSessionManager>().GetAsync(ModelId)!;

    /// <summary>Bob writes from elsewhere, on the given base revision.</summary>
    protected async Task<long> BobSubmitsAsync(Operation op, long? baseRevision = null)
    {
        var session = (await SessionAsync())!;
        var outcome = await session.SubmitAsync(new Actor("bob", false), null, Guid.NewGuid().ToString("N"), baseRevision ?? session.Revision, op);
        Assert.True(outcome.Succeeded, outcome.ErrorMessage);
        return outcome.Revision;
    }

    protected static AngleSharp.Dom.IElement CellOf(IRenderedComponent<ModelPage> page, string cell) => page.Find($".cg-cell[data-cell='{cell}']");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected sealed class MemoryStore : IWorkbookStore
    {
        public WorkbookSnapshot? Snapshot { get; set; }

        public Task<StoredSnapshot?> LoadLatestAsync(string modelId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Snapshot is null ? null : new StoredSnapshot(0, Snapshot));

        public Task SaveAsync(string modelId, long revision, WorkbookSnapshot snapshot, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task DeleteOlderThanAsync(string modelId, long revision, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    /// <summary>Roles by user id; <see cref="Gate"/> holds every role check (so ops stay pending) until it completes.</summary>
    protected sealed class Roles : IModelAuthorization
    {
        public Dictionary<string, ModelRole> ByUser { get; } = new() { ["alice"] = ModelRole.Admin, ["bob"] = ModelRole.Editor };

        public TaskCompletionSource? Gate { get; set; }

        public async Task<ModelRole> GetRoleAsync(Actor actor, string modelId, CancellationToken cancellationToken = default)
        {
            if (Gate is { } gate)
            {
                await gate.Task;
            }

            return modelId == ModelId && ByUser.TryGetValue(actor.UserId, out var role) ? role : ModelRole.None;
        }

        public Task<IReadOnlyDictionary<string, ModelRole>> GetMembershipsAsync(string userId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, ModelRole>>(new Dictionary<string, ModelRole>());
    }

    private sealed class Models : IModelDirectory
    {
        public ValueTask<bool> ExistsAsync(string modelId, CancellationToken cancellationToken = default) => ValueTask.FromResult(modelId == ModelId);

        public ValueTask<string?> NameOfAsync(string modelId, CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(modelId == ModelId ? "Grid test model" : null);
    }

    private sealed class Users : IUserDirectory
    {
        private static readonly UserSummary Bob = new("bob", "bob@demo.local", "Bob Brown", "#e53935");

        public Task<UserSummary?> FindAsync(string userId, CancellationToken cancellationToken = default) => Task.FromResult(userId == "bob" ? Bob : null);

        public Task<IReadOnlyDictionary<string, UserSummary>> FindManyAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, UserSummary>>(new Dictionary<string, UserSummary>());

        public Task<IReadOnlyList<UserSummary>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<UserSummary>>([]);
    }
}
