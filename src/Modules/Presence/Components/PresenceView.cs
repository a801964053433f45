using Collab.Editing.Contracts;
using Collab.Presence.Application.UpdatePresence;
using Collab.Presence.Contracts;
using Collab.Workbooks.Engine;
using Microsoft.Extensions.Options;

namespace Collab.Presence.Components;

/// <summary>Someone else in the model, as this page sees them.</summary>
/// <param name="UserId">The person.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Color">Their color.</param>
public sealed record PresencePerson(string UserId, string DisplayName, string Color)
{
    /// <summary>Where they are (null until they reported it).</summary>
    public PresenceChanged? Presence { get; set; }

    /// <summary>When they last reported a move or typing.</summary>
    public DateTimeOffset LastActive { get; set; }

    /// <summary>"AA" for Alice Anders.</summary>
    public string Initials => string.Concat(DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(p => char.ToUpperInvariant(p[0])));
}

/// <summary>
/// One model page's presence (a scoped service: one per circuit): the people in the model and where they are, kept
/// current from the session's messages and moved through structural changes with the engine's position mapping; the
/// person's own moves go out coalesced. Shared by the avatars and the cursors.
/// </summary>
public sealed class PresenceView : IDisposable
{
    private readonly IModelSessions _sessions;
    private readonly PresenceHub _hub;
    private readonly PresenceBoard _board;
    private readonly TimeProvider _time;
    private readonly PresenceOptions _options;
    private readonly Dictionary<string, PresencePerson> _people = new(StringComparer.Ordinal);
    private GridContext? _context;
    private ITimer? _awayTimer;

    internal PresenceView(IModelSessions sessions, PresenceHub hub, PresenceBoard board, TimeProvider time, IOptions<PresenceOptions> options)
    {
        _sessions = sessions;
        _hub = hub;
        _board = board;
        _time = time;
        _options = options.Value;
    }

    /// <summary>Everyone in the model but this person, by name.</summary>
    public IReadOnlyList<PresencePerson> Others => _people.Values.Where(p => p.UserId != _context?.UserId).OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList();

    /// <summary>The person being followed (their view moves with them), if any.</summary>
    public string? Following { get; private set; }

    /// <summary>The page's context.</summary>
    public GridContext? Context => _context;

    /// <summary>Something shown changed; may be raised off the circuit's dispatcher (the away timer).</summary>
    public event Action? Changed;

    /// <summary>True when the person sent nothing for the away time.</summary>
    public bool IsAway(PresencePerson person) => _time.GetUtcNow() - person.LastActive >= TimeSpan.FromMinutes(_options.AwayAfterMinutes);

    /// <summary>Starts following the page's context (once per page).</summary>
    public void Attach(GridContext context)
    {
        if (ReferenceEquals(_context, context))
        {
            return;
        }

        Detach();
        _context = context;
        _people.Clear();
        RefreshMembers();
        var now = _time.GetUtcNow();
        foreach (var (presence, at) in _board.Of(context.ModelId))
        {
            if (_people.TryGetValue(presence.UserId, out var person))
            {
                person.Presence = presence;
                person.LastActive = at;
            }
        }

        context.SelectionChanged += Publish;
        context.MessageReceived += OnMessage;
        context.StructureChanged += OnStructureChanged;
        context.SheetRenamed += OnSheetRenamed;
        context.UserNavigated += StopFollowing;
        var check = TimeSpan.FromSeconds(Math.Min(30, _options.AwayAfterMinutes * 60.0 / 4));
        _awayTimer = _time.CreateTimer(_ => Changed?.Invoke(), null, check, check);
        Publish();
    }

    /// <summary>Moves this page's view to the person's cell (and selects it).</summary>
    public Task JumpToAsync(PresencePerson person) =>
        _context is not null && person.Presence is { } p && CellAddress.TryParse(p.Cell, out var cell) ? _context.ShowAsync(p.Sheet, cell, select: true) : Task.CompletedTask;

    /// <summary>Follows the person (or stops, when already following them): the view moves whenever they move.</summary>
    public async Task ToggleFollowAsync(PresencePerson person)
    {
        Following = Following == person.UserId ? null : person.UserId;
        Changed?.Invoke();
        if (Following is not null && _context is not null && person.Presence is { } p && CellAddress.TryParse(p.Cell, out var cell))
        {
            await _context.ShowAsync(p.Sheet, cell, select: false);
        }
    }

    private void StopFollowing()
    {
        if (Following is not null)
        {
            Following = null;
            Changed?.Invoke();
        }
    }

    private void Publish()
    {
        if (_context is not { } c)
        {
            return;
        }

        var presence = new PresenceChanged(c.ModelId, c.UserId, c.DisplayName, c.Color, c.Sheet, c.ActiveCell.ToString(), c.Selection.ToString(), c.IsEditing);
        _hub.Publish(presence, c.MemberId);
    }

    private void OnMessage(string method, object payload)
    {
        switch (method)
        {
            case PresenceChanged.Method when payload is PresenceChanged presence && presence.UserId != _context?.UserId:
                if (!_people.TryGetValue(presence.UserId, out var person))
                {
                    _people[presence.UserId] = person = new PresencePerson(presence.UserId, presence.DisplayName, presence.Color);
                }

                person.Presence = presence;
                person.LastActive = _time.GetUtcNow();
                if (Following == presence.UserId && _context is not null && CellAddress.TryParse(presence.Cell, out var cell))
                {
                    _ = _context.ShowAsync(presence.Sheet, cell, select: false);
                }

                Changed?.Invoke();
                break;
            case "UserJoined" or "UserLeft":
                if (method == "UserLeft" && _context is not null)
                {
                    // Whoever left (their last connection or page) is forgotten at once.
                    _board.Prune(_context.ModelId);
                }

                RefreshMembers();
                Changed?.Invoke();
                break;
        }
    }

    private void RefreshMembers()
    {
        if (_context is null)
        {
            return;
        }

        var members = _sessions.Members(_context.ModelId).GroupBy(m => m.UserId).Select(g => g.First()).ToList();
        var now = _time.GetUtcNow();
        foreach (var member in members)
        {
            if (!_people.ContainsKey(member.UserId))
            {
                _people[member.UserId] = new PresencePerson(member.UserId, member.DisplayName, member.Color) { LastActive = now };
            }
        }

        foreach (var gone in _people.Keys.Where(id => members.All(m => m.UserId != id)).ToList())
        {
            _people.Remove(gone);
            if (Following == gone)
            {
                Following = null;
            }
        }
    }

    // Others' cursors move with the cells, through the same position mapping as every other position.
    private void OnStructureChanged(StructuralChange change)
    {
        var moved = false;
        foreach (var person in _people.Values)
        {
            if (person.Presence is not { } p || !change.IsOnSheet(p.Sheet) || !CellAddress.TryParse(p.Cell, out var cell))
            {
                continue;
            }

            var mappedCell = change.MapCell(cell) ?? cell;
            var selection = RangeAddress.TryParse(p.Selection, out var range) ? change.MapRange(range) ?? RangeAddress.FromCell(mappedCell) : RangeAddress.FromCell(mappedCell);
            person.Presence = p with { Cell = mappedCell.ToString(), Selection = selection.ToString() };
            moved = true;
        }

        if (moved)
        {
            Changed?.Invoke();
        }
    }

    private void OnSheetRenamed(string sheet, string? name)
    {
        foreach (var person in _people.Values)
        {
            if (person.Presence is { } p && string.Equals(p.Sheet, sheet, StringComparison.OrdinalIgnoreCase))
            {
                person.Presence = name is null ? null : p with { Sheet = name };
            }
        }

        Changed?.Invoke();
    }

    private void Detach()
    {
        _awayTimer?.Dispose();
        _awayTimer = null;
        if (_context is { } c)
        {
            c.SelectionChanged -= Publish;
            c.MessageReceived -= OnMessage;
            c.StructureChanged -= OnStructureChanged;
            c.SheetRenamed -= OnSheetRenamed;
            c.UserNavigated -= StopFollowing;
        }

        _context = null;
    }

    public void Dispose() => Detach();
}
