using Bunit;
using Collab.Editing.Contracts;
using Collab.Kernel.Api;
using Collab.Kernel.Hubs;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Collab.Presence.Application.UpdatePresence;
using Collab.Presence.Components;
using Collab.Presence.Contracts;
using Collab.Workbooks.Engine;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Collab.Presence.Tests;

/// <summary>The model's session as Presence sees it: members, and what was broadcast.</summary>
internal sealed class FakeSessions : IModelSessions
{
    public List<SessionMemberInfo> People { get; } = [];

    public List<(string Method, object Payload, string? Except)> Sent { get; } = [];

    public IReadOnlyList<SessionMemberInfo> Members(string modelId) => People;

    public void Broadcast(string modelId, string method, object payload, string? exceptMemberId = null)
    {
        lock (Sent)
        {
            Sent.Add((method, payload, exceptMemberId));
        }
    }

    public bool IsMember(string modelId, string memberId) => People.Any(p => p.MemberId == memberId);
}

/// <summary>A model page as contributed components see it.</summary>
internal sealed class FakeGrid : GridContext
{
    public override string ModelId => "m";

    public override string MemberId => "browser:alice";

    public override string UserId => "alice";

    public override string DisplayName => "Alice Anders";

    public override string Color => "#1e88e5";

    public override string Sheet => "Sheet1";

    public override CellAddress ActiveCell => new(1, 1);

    public override RangeAddress Selection => RangeAddress.FromCell(ActiveCell);

    public override bool IsEditing => false;

    public List<(string Sheet, string Cell, bool Select)> Shown { get; } = [];

    public override GridRect CellRect(CellAddress cell) => new((cell.Column - 1) * 100, (cell.Row - 1) * 24, 100, 24);

    public override GridRect RangeRect(RangeAddress range) => new((range.Start.Column - 1) * 100, (range.Start.Row - 1) * 24, range.ColumnCount * 100, range.RowCount * 24);

    public override Task ShowAsync(string sheet, CellAddress cell, bool select)
    {
        Shown.Add((sheet, cell.ToString(), select));
        return Task.CompletedTask;
    }

    public void Receive(object payload) => OnMessageReceived(PresenceChanged.Method, payload);

    public void Structure(StructuralChange change) => OnStructureChanged(change);

    public void Navigate() => OnUserNavigated();
}

/// <summary>Sessions per model: who is in which.</summary>
internal sealed class ModelMembers : IModelSessions
{
    public Dictionary<string, List<SessionMemberInfo>> ByModel { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SessionMemberInfo> Members(string modelId) => ByModel.TryGetValue(modelId, out var people) ? people : [];

    public void Broadcast(string modelId, string method, object payload, string? exceptMemberId = null)
    {
    }

    public bool IsMember(string modelId, string memberId) => Members(modelId).Any(p => p.MemberId == memberId);
}

public class PresenceBoardTests
{
    private static PresenceChanged At(string model, string user, string cell) => new(model, user, user, "#000000", "Sheet1", cell, cell, false);

    private static SessionMemberInfo Member(string memberId, string user) => new(memberId, user, user, "#000000", ModelRole.Editor);

    [Fact]
    public void The_board_drops_people_who_left_and_models_nobody_is_in_so_memory_does_not_grow()
    {
        var time = new FakeTimeProvider();
        var sessions = new ModelMembers();
        sessions.ByModel["m1"] = [Member("c1", "alice"), Member("c2", "bob"), Member("c3", "bob")];
        sessions.ByModel["m2"] = [Member("c4", "carol")];
        using var board = new PresenceBoard(time, sessions);
        board.Set(At("m1", "alice", "A1"));
        board.Set(At("m1", "bob", "B2"));
        board.Set(At("m2", "carol", "C3"));
        Assert.Equal((2, 3), (board.ModelCount, board.EntryCount));

        // Bob closes one of his two tabs: he is still in the model and stays.
        sessions.ByModel["m1"].RemoveAll(m => m.MemberId == "c2");
        Assert.Equal(2, board.Of("m1").Count);

        // Bob's last connection goes (disconnect, circuit gone): reading the model no longer shows him.
        sessions.ByModel["m1"].RemoveAll(m => m.MemberId == "c3");
        Assert.Equal(["alice"], board.Of("m1").Select(p => p.Presence.UserId));

        // Everyone leaves m2 and Alice leaves m1; nobody reads the board: the timer prunes both models away.
        sessions.ByModel.Remove("m2");
        sessions.ByModel["m1"].Clear();
        time.Advance(PresenceBoard.PruneInterval);
        Assert.Equal((0, 0), (board.ModelCount, board.EntryCount));

        // Many people passing through many models leave nothing behind.
        for (var i = 0; i < 1000; i++)
        {
            var model = "m" + (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var user = "u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            board.Set(At(model, user, "A1"));
        }

        Assert.True(board.EntryCount < PresenceBoard.PruneEverySets, $"{board.EntryCount} entries kept"); // pruned as they come
        time.Advance(PresenceBoard.PruneInterval);
        Assert.Equal((0, 0), (board.ModelCount, board.EntryCount));
    }
}

public class CoalescerAndValidationTests
{
    private static PresenceCoalescer Coalescer(FakeTimeProvider time) => new(time, Options.Create(new PresenceOptions { MaxUpdatesPerSecond = 20 }));

    [Fact]
    public void At_most_twenty_updates_a_second_go_out_per_connection_and_the_latest_wins()
    {
        var time = new FakeTimeProvider();
        var coalescer = Coalescer(time);
        var sent = new List<int>();

        coalescer.Submit("c1", () => sent.Add(1));
        coalescer.Submit("c1", () => sent.Add(2));
        coalescer.Submit("c1", () => sent.Add(3));
        coalescer.Submit("c2", () => sent.Add(10));
        Assert.Equal([1, 10], sent);

        time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.Equal([1, 10], sent);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([1, 10, 3], sent);

        // A hundred updates over one second send about twenty.
        sent.Clear();
        for (var i = 0; i < 100; i++)
        {
            coalescer.Submit("c1", () => sent.Add(0));
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.InRange(sent.Count, 19, 21);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_that_did_not_join_and_positions_that_do_not_parse()
    {
        var sessions = new FakeSessions();
        sessions.People.Add(new SessionMemberInfo("conn-1", "bob", "Bob Brown", "#e53935", ModelRole.Editor));
        var hub = new PresenceHub(sessions, Coalescer(new FakeTimeProvider()), new PresenceBoard(TimeProvider.System, sessions), new PresenceUpdateValidator());
        var bob = new HubCaller("conn-1", new Actor("bob", false), "Bob Brown", "#e53935");
        var stranger = bob with { ConnectionId = "conn-2" };

        var notJoined = await Assert.ThrowsAsync<HubErrorException>(() => hub.UpdatePresenceAsync(stranger, new("m", "Sheet1", "B4", null, false), CancellationToken.None));
        Assert.Equal(ErrorCodes.NotJoined, notJoined.Code);
        foreach (var bad in new PresenceUpdateRequest[] { new("m", "Sheet1", "B0", null, false), new("m", "Sheet1", "B4", "B4:", false), new("m", "", "B4", null, false), new(null, "Sheet1", "B4", null, false) })
        {
            var invalid = await Assert.ThrowsAsync<HubErrorException>(() => hub.UpdatePresenceAsync(bob, bad, CancellationToken.None));
            Assert.Equal(ErrorCodes.InvalidInput, invalid.Code);
        }

        Assert.Empty(sessions.Sent);
        await hub.UpdatePresenceAsync(bob, new("m", "Sheet1", "b4", "c9:b4", true), CancellationToken.None);
        var (method, payload, except) = Assert.Single(sessions.Sent);
        Assert.Equal("PresenceChanged", method);
        Assert.Equal("conn-1", except);
        Assert.Equal(new PresenceChanged("m", "bob", "Bob Brown", "#e53935", "Sheet1", "B4", "B4:C9", true), payload);
    }
}

public class PresenceComponentTests : BunitContext
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly FakeSessions _sessions = new();
    private readonly FakeGrid _grid = new();

    public PresenceComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        _sessions.People.Add(new SessionMemberInfo("browser:alice", "alice", "Alice Anders", "#1e88e5", ModelRole.Admin));
        _sessions.People.Add(new SessionMemberInfo("browser:bob", "bob", "Bob Brown", "#e53935", ModelRole.Editor));
        var options = Options.Create(new PresenceOptions());
        var board = new PresenceBoard(_time, _sessions);
        var hub = new PresenceHub(_sessions, new PresenceCoalescer(_time, options), board, new PresenceUpdateValidator());
        Services.AddSingleton(new PresenceView(_sessions, hub, board, _time, options));
    }

    private static PresenceChanged Bob(string cell, string? selection = null, bool editing = false) =>
        new("m", "bob", "Bob Brown", "#e53935", "Sheet1", cell, selection ?? cell, editing);

    [Fact]
    public void Avatars_show_the_others_with_initials_name_and_color_and_away_after_five_idle_minutes()
    {
        var avatars = Render<PresenceAvatars>(p => p.Add(x => x.Context, _grid));

        var bob = avatars.Find("[data-testid=avatar]");
        Assert.Equal("Bob Brown", bob.GetAttribute("data-user"));
        Assert.Equal("false", bob.GetAttribute("data-away"));
        var button = avatars.Find("[data-testid=avatar-jump]");
        Assert.Equal("BB", button.TextContent);
        Assert.Equal("Bob Brown", button.GetAttribute("title"));
        Assert.Contains("#e53935", button.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Single(avatars.FindAll("[data-testid=avatar]"));

        _time.Advance(TimeSpan.FromMinutes(4));
        avatars.InvokeAsync(() => _grid.Receive(Bob("C3")));
        _time.Advance(TimeSpan.FromMinutes(4));
        avatars.WaitForAssertion(() => Assert.Equal("false", avatars.Find("[data-testid=avatar]").GetAttribute("data-away")));
        _time.Advance(TimeSpan.FromMinutes(1.5));
        avatars.WaitForAssertion(() => Assert.Equal("true", avatars.Find("[data-testid=avatar]").GetAttribute("data-away")));
        Assert.Equal("Bob Brown (away)", avatars.Find("[data-testid=avatar-jump]").GetAttribute("title"));
    }

    [Fact]
    public void Cursors_show_in_the_persons_color_with_an_editing_hint_and_move_with_inserted_rows()
    {
        var cursors = Render<PresenceCursors>(p => p.Add(x => x.Context, _grid));
        Assert.Empty(cursors.FindAll("[data-testid=remote-cursor]"));

        cursors.InvokeAsync(() => _grid.Receive(Bob("B4", "B4:C6")));
        var cursor = cursors.WaitForElement("[data-testid=remote-cursor]");
        Assert.Equal("B4", cursor.GetAttribute("data-cell"));
        Assert.Contains("left:99px;top:71px", cursor.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("Bob Brown", cursors.Find("[data-testid=cursor-flag]").TextContent);
        Assert.Equal("B4:C6", cursors.Find("[data-testid=remote-selection]").GetAttribute("data-range"));

        cursors.InvokeAsync(() => _grid.Receive(Bob("B4", editing: true)));
        cursors.WaitForAssertion(() => Assert.Equal("Bob Brown is editing B4", cursors.Find("[data-testid=editing-hint]").TextContent));

        cursors.InvokeAsync(() => _grid.Structure(StructuralChange.InsertRows("Sheet1", 2, 2)));
        cursors.WaitForAssertion(() => Assert.Equal("B6", cursors.Find("[data-testid=remote-cursor]").GetAttribute("data-cell")));
        Assert.Equal("Bob Brown is editing B6", cursors.Find("[data-testid=editing-hint]").TextContent);
    }

    [Fact]
    public void Jump_selects_the_persons_cell_and_follow_moves_the_view_with_them_until_one_navigates()
    {
        var avatars = Render<PresenceAvatars>(p => p.Add(x => x.Context, _grid));
        avatars.InvokeAsync(() => _grid.Receive(Bob("D9")));

        avatars.Find("[data-testid=avatar-jump]").Click();
        Assert.Equal(("Sheet1", "D9", true), _grid.Shown[^1]);

        avatars.Find("[data-testid=follow]").Click();
        avatars.WaitForAssertion(() => Assert.Equal("true", avatars.Find("[data-testid=follow]").GetAttribute("aria-pressed")));
        avatars.InvokeAsync(() => _grid.Receive(Bob("E20")));
        Assert.Equal(("Sheet1", "E20", false), _grid.Shown[^1]);

        avatars.InvokeAsync(_grid.Navigate);
        avatars.WaitForAssertion(() => Assert.Equal("false", avatars.Find("[data-testid=follow]").GetAttribute("aria-pressed")));
        var shown = _grid.Shown.Count;
        avatars.InvokeAsync(() => _grid.Receive(Bob("F30")));
        Assert.Equal(shown, _grid.Shown.Count);
    }
}
