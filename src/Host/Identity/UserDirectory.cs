using Collab.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Collab.Host.Identity;

/// <summary>Finds people in the Identity tables for the modules (sharing, mentions, presence).</summary>
internal sealed class UserDirectory(IDbContextFactory<AuthDbContext> contexts) : IUserDirectory
{
    public async Task<UserSummary?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId && !u.IsDisabled)
            .Select(u => new UserSummary(u.Id, u.Email!, u.DisplayName, u.Color)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, UserSummary>> FindManyAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        var ids = userIds.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new UserSummary(u.Id, u.Email!, u.DisplayName, u.Color)).ToDictionaryAsync(u => u.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<UserSummary>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default)
    {
        var term = (text ?? "").Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking().Where(u => !u.IsDisabled);
        if (term.Length > 0)
        {
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
        }

        return await query.OrderBy(u => u.DisplayName).Take(Math.Clamp(limit, 1, 100))
            .Select(u => new UserSummary(u.Id, u.Email!, u.DisplayName, u.Color)).ToListAsync(cancellationToken);
    }
}
