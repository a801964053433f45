using Collab.Kernel.Modules;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Application.Models;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Workbooks.Infrastructure.Demo;

/// <summary>On a Development start with demo data, creates the demo model once: Alice owns it, Bob edits, Carol comments.</summary>
internal sealed class DemoModelSeeder(IServiceScopeFactory scopes, IUserDirectory users, IDbContextFactory<WorkbooksDbContext> contexts) : IStartupSeeder
{
    public async Task SeedAsync(bool demo, CancellationToken cancellationToken)
    {
        if (!demo)
        {
            return;
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Models.AnyAsync(m => m.Name == DemoModel.Name, cancellationToken))
            {
                return;
            }
        }

        var alice = await FindAsync("alice@demo.local", cancellationToken);
        if (alice is null)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var created = await mediator.Send(new CreateModel(new Actor(alice.Id, false), DemoModel.Name, DemoModel.Build()), cancellationToken);
        var modelId = created.Value ?? throw new InvalidOperationException("The demo model could not be created: " + created.Failure?.Message);
        foreach (var (email, role) in new[] { ("bob@demo.local", ModelRole.Editor), ("carol@demo.local", ModelRole.Commenter) })
        {
            if (await FindAsync(email, cancellationToken) is { } person)
            {
                await mediator.Send(new GrantModelRole(modelId, person.Id, role, alice.Id), cancellationToken);
            }
        }
    }

    private async Task<UserSummary?> FindAsync(string email, CancellationToken cancellationToken) =>
        (await users.SearchAsync(email, 5, cancellationToken)).FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
}
