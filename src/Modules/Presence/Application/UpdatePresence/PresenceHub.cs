using Collab.Editing.Contracts;
using Collab.Kernel.Api;
using Collab.Kernel.Hubs;
using Collab.Presence.Contracts;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Engine;
using FluentValidation;

namespace Collab.Presence.Application.UpdatePresence;

/// <summary>
/// <c>UpdatePresence</c> for hub connections and the model page alike: checks the caller is in the model's session and
/// the positions parse, remembers the presence, and fans <c>PresenceChanged</c> out to the other members, coalesced per
/// connection.
/// </summary>
internal sealed class PresenceHub(IModelSessions sessions, PresenceCoalescer coalescer, PresenceBoard board, IValidator<PresenceUpdateRequest> validator, IModelContent? content = null) : IPresenceHub
{
    public async Task UpdatePresenceAsync(HubCaller caller, PresenceUpdateRequest request, CancellationToken cancellationToken)
    {
        var result = validator.Validate(request);
        if (!result.IsValid)
        {
            throw new HubErrorException(ErrorCodes.InvalidInput, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
        }

        if (!sessions.IsMember(request.ModelId!, caller.ConnectionId))
        {
            throw new HubErrorException(ErrorCodes.NotJoined, "Call JoinModel for this model on this connection first.");
        }

        var cell = CellAddress.Parse(request.Cell!);
        var selection = request.Selection is null ? RangeAddress.FromCell(cell)
            : CellAddress.TryParse(request.Selection, out var single) ? RangeAddress.FromCell(single) : RangeAddress.Parse(request.Selection);
        // Sheet names match case-insensitively: the others see the sheet's own name (a name the model lacks, say one just
        // renamed, is passed on as sent).
        var sheet = content is null ? request.Sheet! : await content.ReadAsync(request.ModelId!, (workbook, _) => workbook.SheetNames.FirstOrDefault(n => string.Equals(n, request.Sheet, StringComparison.OrdinalIgnoreCase)), cancellationToken)
            ?? request.Sheet!;
        Publish(new PresenceChanged(request.ModelId!, caller.Actor.UserId, caller.DisplayName, caller.Color, sheet, cell.ToString(), selection.ToString(), request.Editing), caller.ConnectionId);
    }

    /// <summary>Remembers the presence and sends it to everyone in the model but <paramref name="memberId"/>, at most 20 a second per member.</summary>
    public void Publish(PresenceChanged presence, string memberId)
    {
        board.Set(presence);
        coalescer.Submit(memberId, () => sessions.Broadcast(presence.ModelId, PresenceChanged.Method, presence, memberId));
    }
}
