using Collab.Tests.Support;
using Microsoft.Playwright;

namespace Collab.E2E;

/// <summary>Two and three people on one model in separate browser contexts: the live grid and presence.</summary>
public class LiveGridTests(BrowserFixture browser)
{
    [Fact]
    public async Task Edits_propagate_both_ways_and_each_sees_the_others_cursor_and_editing_hint()
    {
        var id = await browser.NewModelAsync("Both ways " + Guid.NewGuid().ToString("N")[..6], ("bob@demo.local", "editor"));
        var alice = await browser.OpenModelAsync("alice@demo.local", id);
        var bob = await browser.OpenModelAsync("bob@demo.local", id);

        await alice.TypeIntoAsync("B2", "42");
        await Assertions.Expect(bob.Cell("B2")).ToHaveTextAsync("42");
        await bob.TypeIntoAsync("C3", "hello");
        await Assertions.Expect(alice.Cell("C3")).ToHaveTextAsync("hello");

        // Bob's cursor and then his typing show on Alice's page, in his name.
        await bob.SelectCellAsync("D5");
        var bobsCursor = alice.Locator("[data-testid=remote-cursor][data-user='Bob Brown']");
        await Assertions.Expect(bobsCursor).ToHaveAttributeAsync("data-cell", "D5");
        await bob.Keyboard.TypeAsync("draft");
        await Assertions.Expect(bobsCursor.GetByTestId("editing-hint")).ToHaveTextAsync("Bob Brown is editing D5");
        await bob.Keyboard.PressAsync("Escape");
        await Assertions.Expect(bobsCursor.GetByTestId("cursor-flag")).ToHaveTextAsync("Bob Brown");
        await Assertions.Expect(alice.Locator("[data-testid=avatar][data-user='Bob Brown']")).ToHaveAttributeAsync("data-away", "false");

        var (_, cells) = await browser.ServerCellsAsync(id);
        Assert.Equal("42", cells["B2"]);
        Assert.Equal("hello", cells["C3"]);
        Assert.False(cells.ContainsKey("D5"));
        await alice.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task A_value_overwritten_by_a_concurrent_write_shows_the_conflict_card_and_keep_mine_restores_it()
    {
        var id = await browser.NewModelAsync("Conflict " + Guid.NewGuid().ToString("N")[..6], ("bob@demo.local", "editor"));
        var alice = await browser.OpenModelAsync("alice@demo.local", id);
        // Bob writes the same cell from a program that had not seen Alice's write yet (the same base revision).
        await using var bob = await HubClient.ConnectAsync(browser.BaseAddress, await browser.App.GetTokenAsync("bob@demo.local"));
        var joined = await bob.JoinAsync(id);
        var baseRevision = joined.GetProperty("revision").GetInt64();

        await alice.TypeIntoAsync("B2", "100");
        await Assertions.Expect(alice.Cell("B2")).Not.ToHaveAttributeAsync("data-pending", "true");
        await bob.SubmitAsync(id, baseRevision, new { type = "setCell", sheet = "Sheet1", cell = "B2", input = "200" });

        var card = alice.GetByTestId("conflict-card");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByTestId("conflict-yours")).ToHaveTextAsync("100");
        await Assertions.Expect(card.GetByTestId("conflict-theirs")).ToHaveTextAsync("200");
        await Assertions.Expect(card.GetByTestId("conflict-by")).ToHaveTextAsync("Bob Brown");
        await Assertions.Expect(alice.Cell("B2")).ToHaveTextAsync("200");

        await card.GetByTestId("keep-mine").ClickAsync();
        await Assertions.Expect(alice.GetByTestId("conflict-card")).ToHaveCountAsync(0);
        await Assertions.Expect(alice.Cell("B2")).ToHaveTextAsync("100");
        Assert.Equal("100", (await browser.ServerCellsAsync(id)).Inputs["B2"]);
        await alice.Context.CloseAsync();
    }

    [Fact]
    public async Task Rows_inserted_above_while_someone_types_below_move_the_typed_value_with_its_cell()
    {
        var id = await browser.NewModelAsync("Insert above " + Guid.NewGuid().ToString("N")[..6], ("bob@demo.local", "editor"));
        var alice = await browser.OpenModelAsync("alice@demo.local", id);
        var bob = await browser.OpenModelAsync("bob@demo.local", id);
        await alice.TypeIntoAsync("B10", "below");
        await Assertions.Expect(bob.Cell("B10")).ToHaveTextAsync("below");

        // Bob starts typing into B10 ...
        await bob.SelectCellAsync("B10");
        await bob.Keyboard.TypeAsync("mine");
        await Assertions.Expect(bob.GetByTestId("cell-editor")).ToHaveAttributeAsync("data-editing", "true");

        // ... while Alice inserts two rows above it.
        await alice.SelectCellAsync("A2");
        await alice.Keyboard.DownAsync("Shift");
        await alice.Keyboard.PressAsync("ArrowDown");
        await alice.Keyboard.UpAsync("Shift");
        await alice.Cell("A2").ClickAsync(new LocatorClickOptions { Button = MouseButton.Right });
        await alice.GetByTestId("menu-insert-rows").ClickAsync();
        await Assertions.Expect(alice.Cell("B12")).ToHaveTextAsync("below");

        // Bob's cell moved to B12 under his hands; his Enter lands there.
        await Assertions.Expect(bob.GetByTestId("selection")).ToHaveAttributeAsync("data-active", "B12");
        await Assertions.Expect(bob.GetByTestId("cell-editor")).ToHaveValueAsync("mine");
        await bob.Keyboard.PressAsync("Enter");

        await Assertions.Expect(alice.Cell("B12")).ToHaveTextAsync("mine");
        var (_, cells) = await browser.ServerCellsAsync(id);
        Assert.Equal("mine", cells["B12"]);
        Assert.False(cells.ContainsKey("B10"));
        await alice.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task Edits_made_offline_typed_deleted_pasted_and_formatted_are_kept_in_the_browser_and_arrive_once_when_back_online()
    {
        var id = await browser.NewModelAsync("Offline " + Guid.NewGuid().ToString("N")[..6], ("bob@demo.local", "editor"));
        var alice = await browser.OpenModelAsync("alice@demo.local", id);
        var bob = await browser.OpenModelAsync("bob@demo.local", id);
        await alice.TypeIntoAsync("A1", "online");
        await Assertions.Expect(bob.Cell("A1")).ToHaveTextAsync("online");
        var (before, _) = await browser.ServerCellsAsync(id);

        await alice.Context.SetOfflineAsync(true);
        await Assertions.Expect(alice.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "offline");
        // The connection is down: the page selects and keeps the edit in the browser on its own.
        await alice.Cell("C3").ClickAsync();
        await alice.Keyboard.TypeAsync("77");
        await alice.Keyboard.PressAsync("Enter");
        await Assertions.Expect(alice.Locator("[data-offline-cell='C3'][data-pending='true']")).ToHaveTextAsync("77");
        await Assertions.Expect(alice.GetByTestId("connection-state")).ToHaveAttributeAsync("data-waiting", "1");
        // Other kinds of edits while offline are kept too: Delete, a paste, Ctrl+B.
        await alice.Cell("A1").ClickAsync();
        await alice.Keyboard.PressAsync("Delete");
        await alice.Cell("E5").ClickAsync();
        await alice.GetByTestId("cell-editor").EvaluateAsync(
            "(editor, text) => { const data = new DataTransfer(); data.setData('text/plain', text); editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })); }",
            "p1\tp2");
        await alice.Keyboard.PressAsync("Control+b");
        await Assertions.Expect(alice.GetByTestId("connection-state")).ToHaveAttributeAsync("data-waiting", "4");
        Assert.Equal(before, (await browser.ServerCellsAsync(id)).Revision);

        await alice.Context.SetOfflineAsync(false);
        await Assertions.Expect(bob.Cell("C3")).ToHaveTextAsync("77", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
        await Assertions.Expect(bob.Cell("F5")).ToHaveTextAsync("p2", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
        await Assertions.Expect(bob.Cell("A1")).ToHaveTextAsync("");
        await Assertions.Expect(bob.Cell("E5")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cg-bold"));
        await Assertions.Expect(alice.GetByTestId("connection-state")).ToHaveAttributeAsync("data-waiting", "0");
        await Assertions.Expect(alice.Cell("C3")).ToHaveTextAsync("77");

        // Once: four more revisions, and reloading (which resubmits whatever the browser kept) adds nothing.
        Assert.Equal(before + 4, (await browser.ServerCellsAsync(id)).Revision);
        await alice.ReloadAsync();
        await alice.WaitUntilInteractiveAsync();
        await Assertions.Expect(alice.Cell("C3")).ToHaveTextAsync("77");
        Assert.Equal(before + 4, (await browser.ServerCellsAsync(id)).Revision);
        await alice.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task A_commenter_sees_the_read_only_banner_and_cannot_edit()
    {
        var id = await browser.NewModelAsync("Read only " + Guid.NewGuid().ToString("N")[..6], ("carol@demo.local", "commenter"));
        var carol = await browser.OpenModelAsync("carol@demo.local", id);
        var (before, _) = await browser.ServerCellsAsync(id);

        await Assertions.Expect(carol.GetByTestId("read-only-banner")).ToBeVisibleAsync();
        await carol.TypeIntoAsync("A1", "sneaky");
        await carol.Keyboard.PressAsync("Delete");

        await Assertions.Expect(carol.Cell("A1")).ToHaveTextAsync("");
        Assert.Equal(before, (await browser.ServerCellsAsync(id)).Revision);
        await carol.Context.CloseAsync();
    }

    [Fact]
    public async Task A_block_copied_with_ctrl_c_pastes_with_ctrl_v_in_one_op_its_formulas_shifted_and_other_text_as_values()
    {
        var id = await browser.NewModelAsync("Clipboard " + Guid.NewGuid().ToString("N")[..6]);
        var alice = await browser.OpenModelAsync("alice@demo.local", id);
        await alice.TypeIntoAsync("A1", "1");
        await alice.TypeIntoAsync("B1", "2");
        await alice.TypeIntoAsync("A2", "x y");
        await alice.TypeIntoAsync("B2", "=A1+B1");
        await Assertions.Expect(alice.Cell("B2")).ToHaveTextAsync("3");
        var (before, _) = await browser.ServerCellsAsync(id);

        await alice.SelectCellAsync("A1");
        await alice.Keyboard.PressAsync("Shift+ArrowRight");
        await alice.Keyboard.PressAsync("Shift+ArrowDown");
        await Assertions.Expect(alice.GetByTestId("selection")).ToHaveAttributeAsync("data-range", "A1:B2");
        await alice.Keyboard.PressAsync("Control+C");
        await alice.SelectCellAsync("D4");
        await alice.Keyboard.PressAsync("Control+V");

        // The formula reads the cells at the same distance from its new place: =D4+E4.
        await Assertions.Expect(alice.Cell("E5")).ToHaveTextAsync("3");
        await Assertions.Expect(alice.Cell("D5")).ToHaveTextAsync("x y");
        await Assertions.Expect(alice.GetByTestId("selection")).ToHaveAttributeAsync("data-range", "D4:E5");
        await Assertions.Expect(alice.Cell("E5")).Not.ToHaveAttributeAsync("data-pending", "true");
        var (after, cells) = await browser.ServerCellsAsync(id);
        Assert.Equal(before + 1, after);
        Assert.Equal(["1", "2", "x y", "=D4+E4"], new[] { cells["D4"], cells["E4"], cells["D5"], cells["E5"] });

        // Text another program put on the clipboard pastes as it is.
        await alice.SelectCellAsync("G1");
        await alice.GetByTestId("cell-editor").EvaluateAsync(
            "(editor, text) => { const data = new DataTransfer(); data.setData('text/plain', text); editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })); }",
            "7\t=A1*3");
        await Assertions.Expect(alice.Cell("H1")).ToHaveTextAsync("3");
        await Assertions.Expect(alice.Cell("H1")).Not.ToHaveAttributeAsync("data-pending", "true");
        (_, cells) = await browser.ServerCellsAsync(id);
        Assert.Equal(("7", "=A1*3"), (cells["G1"], cells["H1"]));
        await alice.Context.CloseAsync();
    }

    [Fact]
    public async Task Headers_select_columns_and_rows_by_click_shift_click_and_drag_and_ctrl_x_then_ctrl_v_moves_the_cells()
    {
        var id = await browser.NewModelAsync("Cut " + Guid.NewGuid().ToString("N")[..6]);
        var alice = await browser.OpenModelAsync("alice@demo.local", id);
        await alice.TypeIntoAsync("A1", "5");
        await alice.TypeIntoAsync("A2", "=A1*2");
        await Assertions.Expect(alice.Cell("A2")).ToHaveTextAsync("10");

        var selection = alice.GetByTestId("selection");
        await alice.Locator(".cg-colhead[data-col='2']").ClickAsync();
        await Assertions.Expect(selection).ToHaveAttributeAsync("data-range", "B:B");
        await alice.Locator(".cg-colhead[data-col='3']").ClickAsync(new LocatorClickOptions { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(selection).ToHaveAttributeAsync("data-range", "B:C");
        await alice.Locator(".cg-rowhead[data-row='3']").ClickAsync();
        await Assertions.Expect(selection).ToHaveAttributeAsync("data-range", "3:3");

        // Dragging from a header across others extends the whole-column or whole-row selection, back and forth.
        await alice.Locator(".cg-colhead[data-col='4']").HoverAsync();
        await alice.Mouse.DownAsync();
        await alice.Locator(".cg-colhead[data-col='6']").HoverAsync();
        await Assertions.Expect(selection).ToHaveAttributeAsync("data-range", "D:F");
        await alice.Locator(".cg-colhead[data-col='2']").HoverAsync();
        await Assertions.Expect(selection).ToHaveAttributeAsync("data-range", "B:D");
        await alice.Mouse.UpAsync();
        await alice.Locator(".cg-rowhead[data-row='5']").HoverAsync();
        await alice.Mouse.DownAsync();
        await alice.Cell("B7").HoverAsync(); // over the cells, the row under the pointer counts
        await Assertions.Expect(selection).ToHaveAttributeAsync("data-range", "5:7");
        await alice.Mouse.UpAsync();
        await Assertions.Expect(selection).ToHaveAttributeAsync("data-active", "A5");
        await alice.GetByTestId("select-all").ClickAsync();
        await Assertions.Expect(selection).ToHaveAttributeAsync("data-range", "A1:XFD1048576");

        await alice.SelectCellAsync("A1");
        await alice.Keyboard.PressAsync("Shift+ArrowDown");
        var (before, _) = await browser.ServerCellsAsync(id);
        await alice.Keyboard.PressAsync("Control+X");
        await Assertions.Expect(alice.GetByTestId("cut-mark")).ToHaveAttributeAsync("data-range", "A1:A2");
        await alice.SelectCellAsync("C3");
        await alice.Keyboard.PressAsync("Control+V");

        await Assertions.Expect(alice.Cell("C4")).ToHaveTextAsync("0"); // =A1*2 kept as it is; A1 is empty now
        await Assertions.Expect(alice.Cell("C3")).ToHaveTextAsync("5");
        await Assertions.Expect(alice.Cell("A1")).ToHaveTextAsync("");
        await Assertions.Expect(alice.GetByTestId("cut-mark")).ToHaveCountAsync(0);
        var (after, cells) = await browser.ServerCellsAsync(id);
        Assert.Equal(before + 1, after);
        Assert.Equal(("5", "=A1*2"), (cells["C3"], cells["C4"]));
        Assert.False(cells.ContainsKey("A1"));
        await alice.Context.CloseAsync();
    }

    [Fact]
    public async Task An_editor_downgraded_while_the_page_is_open_turns_read_only_within_a_second_and_cannot_edit()
    {
        var id = await browser.NewModelAsync("Downgrade " + Guid.NewGuid().ToString("N")[..6], ("bob@demo.local", "editor"));
        var bob = await browser.OpenModelAsync("bob@demo.local", id);
        await bob.TypeIntoAsync("A1", "before");
        await Assertions.Expect(bob.Cell("A1")).Not.ToHaveAttributeAsync("data-pending", "true");
        await Assertions.Expect(bob.GetByTestId("read-only-banner")).ToHaveCountAsync(0);

        await browser.ShareAsync(id, "bob@demo.local", "viewer");

        await Assertions.Expect(bob.GetByTestId("read-only-banner")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 1000 });
        var (revision, _) = await browser.ServerCellsAsync(id);
        await bob.TypeIntoAsync("A2", "after");
        await Assertions.Expect(bob.Cell("A2")).ToHaveTextAsync("");
        var (after, cells) = await browser.ServerCellsAsync(id);
        Assert.Equal(revision, after);
        Assert.False(cells.ContainsKey("A2"));

        // Removing access altogether says so.
        using (var alice = await browser.App.CreateClientForAsync("alice@demo.local"))
        {
            var found = await alice.GetStringAsync("/api/users?search=bob%40demo.local", TestContext.Current.CancellationToken);
            var bobId = System.Text.Json.JsonDocument.Parse(found).RootElement[0].GetProperty("id").GetString();
            (await alice.DeleteAsync($"/api/models/{id}/permissions/{bobId}", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        await Assertions.Expect(bob.GetByTestId("access-removed")).ToBeVisibleAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task Three_people_editing_at_once_all_end_with_the_same_cells()
    {
        var id = await browser.NewModelAsync("Three " + Guid.NewGuid().ToString("N")[..6], ("bob@demo.local", "editor"), ("carol@demo.local", "editor"));
        var pages = new[]
        {
            await browser.OpenModelAsync("alice@demo.local", id),
            await browser.OpenModelAsync("bob@demo.local", id),
            await browser.OpenModelAsync("carol@demo.local", id),
        };

        for (var i = 0; i < 4; i++)
        {
            for (var p = 0; p < pages.Length; p++)
            {
                await pages[p].TypeIntoAsync($"{(char)('A' + p)}{i + 1}", $"{p}-{i}");
            }
        }

        foreach (var page in pages)
        {
            for (var p = 0; p < pages.Length; p++)
            {
                await Assertions.Expect(page.Cell($"{(char)('A' + p)}4")).ToHaveTextAsync($"{p}-3");
                await Assertions.Expect(page.Cell($"{(char)('A' + p)}1")).ToHaveTextAsync($"{p}-0");
            }
        }

        Assert.Equal(12, (await browser.ServerCellsAsync(id)).Inputs.Count);
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }
}
