using Collab.Editing.Contracts;
using Collab.Editing.Domain;
using Collab.Editing.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Collab.Editing.Application.Handlers;

/// <summary>Records who was in which model, joined and left when (the seed's ModelSession records).</summary>
internal sealed class SessionRecordHandlers(IDbContextFactory<EditingDbContext> contexts, TimeProvider time)
    : INotificationHandler<MemberJoinedModel>, INotificationHandler<MemberLeftModel>
{
    public async ValueTask Handle(MemberJoinedModel notification, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Sessions.Add(new SessionRecord { ModelId = notification.ModelId, UserId = notification.UserId, Kind = notification.Kind, JoinedAt = time.GetUtcNow().ToUnixTimeMilliseconds() });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask Handle(MemberLeftModel notification, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.Sessions.Where(s => s.ModelId == notification.ModelId && s.UserId == notification.UserId && s.LeftAt == null).ToListAsync(cancellationToken);
        foreach (var record in open)
        {
            record.LeftAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
