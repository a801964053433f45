using System.Diagnostics;
using Collab.Editing.Application.Sessions;
using Collab.Editing.Core;
using Collab.Editing.Infrastructure;
using Collab.Kernel.Security;
using Collab.Tests.Support;
using Collab.Workbooks.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.IntegrationTests;

/// <summary>The sequencer on a real database: stale bases, slow members, reloads and compaction.</summary>
public class SessionTests
{
    private sealed class Member(Actor actor, Func<IReadOnlyList<SessionMessage>, Task>? deliver = null) : ISessionMember
    {
        public TaskCompletionSource<string> DroppedWith { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string MemberId { get; } = "test:" + Guid.NewGuid().ToString("N");

        public Actor Actor => actor;

        public string DisplayName => "Test";

        public string Color => "#123456";

        public MemberKind Kind => MemberKind.Hub;

        public Task DeliverAsync(IReadOnlyList<SessionMessage> messages) => deliver?.Invoke(messages) ?? Task.CompletedTask;

        public void Dropped(string reason) => DroppedWith.TrySetResult(reason);
    }

    private static async Task<(CollabAppFactory App, ModelSessionManager Sessions, string ModelId, Actor Admin)> StartAsync(Dictionary<string, string?> settings)
    {
        var app = new CollabAppFactory("Development", settings);
        using var admin = await app.CreateClientForAsync("admin@demo.local");
        var modelId = await CollabAppFactory.CreateModelAsync(admin, "Session");
        var adminId = await AuthorizationMatrixTests.UserIdAsync(admin, "admin@demo.local");
        return (app, app.Services.GetRequiredService<ModelSessionManager>(), modelId, new Actor(adminId, true));
    }

    private static SetCellOperation Cell(int i) => new("Sheet1", $"A{i}", $"{i}");

    [Fact]
    public async Task A_base_older_than_the_log_keeps_is_stale_unless_the_op_was_stored_already()
    {
        var (app, sessions, modelId, admin) = await StartAsync(new() { ["Editing:RecentOpsInMemory"] = "20" });
        await using var _ = app;
        var session = (await sessions.GetAsync(modelId, TestContext.Current.CancellationToken))!;
        for (var i = 1; i <= 100; i++)
        {
            Assert.True((await session.SubmitAsync(admin, null, $"op-{i}", i - 1, Cell(i))).Succeeded);
        }

        var stale = await session.SubmitAsync(admin, null, "new-op", 1, Cell(500));
        var old = await session.SubmitAsync(admin, null, "op-2", 1, Cell(2));

        Assert.Equal("stale_revision", stale.ErrorCode);
        Assert.True(old.Succeeded);
        Assert.Equal(2, old.Revision);
        Assert.Equal(100, session.Revision);
    }

    [Fact]
    public async Task A_member_that_stops_reading_is_dropped_and_nobody_waits_for_it()
    {
        var (app, sessions, modelId, admin) = await StartAsync(new() { ["Editing:OutboxCapacity"] = "20" });
        await using var _ = app;
        var session = (await sessions.GetAsync(modelId, TestContext.Current.CancellationToken))!;
        var stuck = new TaskCompletionSource();
        var slow = new Member(admin, _ => stuck.Task);
        var seen = 0;
        var fast = new Member(admin, messages =>
        {
            Interlocked.Add(ref seen, messages.Count(m => m.Method == "OperationApplied"));
            return Task.CompletedTask;
        });
        await session.JoinAsync(slow, null, wantState: false);
        await session.JoinAsync(fast, null, wantState: false);

        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= 200; i++)
        {
            Assert.True((await session.SubmitAsync(admin, null, $"op-{i}", i - 1, Cell(i))).Succeeded);
        }

        Assert.Contains("fell behind", await slow.DroppedWith.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(session.IsMember(slow.MemberId));
        Assert.True(session.IsMember(fast.MemberId));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref seen) < 200 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(200, Volatile.Read(ref seen));
        stuck.SetResult();
    }

    [Fact]
    public async Task A_reloaded_model_is_its_snapshot_plus_the_later_ops()
    {
        var (app, sessions, modelId, admin) = await StartAsync(new() { ["Editing:SnapshotEvery"] = "25" });
        await using var _ = app;
        var session = (await sessions.GetAsync(modelId, TestContext.Current.CancellationToken))!;
        for (var i = 1; i <= 60; i++)
        {
            Assert.True((await session.SubmitAsync(admin, null, $"op-{i}", i - 1, i % 10 == 0 ? new InsertRowsOperation("Sheet1", 1, 1) : Cell(i))).Succeeded);
        }

        var before = session.Read((book, revision) => (Cells(book), revision));
        await sessions.CloseAsync(modelId, "test");
        var reopened = (await sessions.GetAsync(modelId, TestContext.Current.CancellationToken))!;

        Assert.NotSame(session, reopened);
        Assert.Equal(before, reopened.Read((book, revision) => (Cells(book), revision)));
        var stored = await app.Services.GetRequiredService<Workbooks.Contracts.IWorkbookStore>().LoadLatestAsync(modelId, TestContext.Current.CancellationToken);
        Assert.Equal(60, stored!.Revision);
    }

    [Fact]
    public async Task Compaction_folds_old_ops_into_a_snapshot_and_a_late_joiner_gets_the_snapshot()
    {
        var (app, sessions, modelId, admin) = await StartAsync(new() { ["Editing:SnapshotEvery"] = "100000", ["Editing:RecentOpsInMemory"] = "16" });
        await using var _ = app;
        var session = (await sessions.GetAsync(modelId, TestContext.Current.CancellationToken))!;
        for (var i = 1; i <= 80; i++)
        {
            Assert.True((await session.SubmitAsync(admin, null, $"op-{i}", i - 1, Cell(i))).Succeeded);
        }

        var opLog = app.Services.GetRequiredService<OpLogStore>();
        var job = app.Services.GetRequiredService<OpLogCompactionJob>();
        var deleted = await job.CompactAsync(modelId, 50, TestContext.Current.CancellationToken);

        Assert.Equal(50, deleted);
        Assert.Equal(51, await opLog.OldestRevisionAsync(modelId, TestContext.Current.CancellationToken));
        var joined = await session.JoinAsync(new Member(admin), 10, wantState: true);
        Assert.Null(joined.Operations);
        Assert.NotNull(joined.Snapshot);
        Assert.Equal(80, joined.Revision);

        await sessions.CloseAsync(modelId, "test");
        var reopened = (await sessions.GetAsync(modelId, TestContext.Current.CancellationToken))!;
        Assert.Equal(80, reopened.Revision);
        Assert.Equal("80", reopened.Read((book, _) => book.GetCell("Sheet1", new CellAddress(80, 1)).Input));
    }

    [Fact]
    public async Task Copies_of_an_op_submitted_together_are_applied_once_and_all_answered_with_its_revision()
    {
        var (app, sessions, modelId, admin) = await StartAsync([]);
        await using var _ = app;
        var session = (await sessions.GetAsync(modelId, TestContext.Current.CancellationToken))!;

        // Three copies of each of 150 ops, queued at once: copies meet in one batch or in consecutive (pipelined) ones.
        var submissions = Enumerable.Range(1, 150)
            .SelectMany(i => Enumerable.Range(0, 3).Select(_ => (OpId: $"op-{i}", Task: session.SubmitAsync(admin, null, $"op-{i}", 0, Cell(i)))))
            .ToList();
        await Task.WhenAll(submissions.Select(s => s.Task));

        Assert.All(submissions, s => Assert.True(s.Task.Result.Succeeded, s.Task.Result.ErrorMessage));
        foreach (var copies in submissions.GroupBy(s => s.OpId))
        {
            Assert.Single(copies.Select(c => c.Task.Result.Revision).Distinct());
        }

        Assert.Equal(150, session.Revision);
        var stored = await app.Services.GetRequiredService<OpLogStore>().LoadSinceAsync(modelId, 0, TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(1, 150).Select(i => (long)i), stored.Select(r => r.Revision));
        Assert.Equal(150, stored.Select(r => r.OpId).Distinct().Count());
    }

    [Fact]
    public async Task An_acknowledged_op_is_stored_and_members_see_every_revision_once_in_order_while_batches_overlap()
    {
        var (app, sessions, modelId, admin) = await StartAsync([]);
        await using var _ = app;
        var session = (await sessions.GetAsync(modelId, TestContext.Current.CancellationToken))!;
        var opLog = app.Services.GetRequiredService<OpLogStore>();
        var early = new List<long>();
        var late = new List<long>();
        await session.JoinAsync(new Member(admin, messages => Record(early, messages)), null, wantState: false);

        var notStoredWhenAcked = 0;
        var joinedLate = new TaskCompletionSource<JoinOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var submitters = Enumerable.Range(0, 20).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var opId = $"s{s}-{i}";
                var outcome = await session.SubmitAsync(admin, null, opId, session.Revision, new SetCellOperation("Sheet1", $"B{s + 1}", $"{i}"));
                Assert.True(outcome.Succeeded, outcome.ErrorMessage);
                if (await opLog.FindRevisionAsync(modelId, opId, CancellationToken.None) != outcome.Revision)
                {
                    Interlocked.Increment(ref notStoredWhenAcked);
                }

                if (s == 0 && i == 10)
                {
                    // A member joining while others keep submitting: its state and its messages must join up exactly.
                    joinedLate.TrySetResult(await session.JoinAsync(new Member(admin, messages => Record(late, messages)), null, wantState: true));
                }
            }
        })).ToList();
        await Task.WhenAll(submitters);
        var joined = await joinedLate.Task;
        await WaitUntilAsync(() => Count(early) == 500 && Count(late) == 500 - joined.Revision);

        Assert.Equal(0, notStoredWhenAcked);
        Assert.Equal(500, session.Revision);
        lock (early)
        {
            Assert.Equal(Enumerable.Range(1, 500).Select(r => (long)r), early);
        }

        lock (late)
        {
            Assert.Equal(Enumerable.Range((int)joined.Revision + 1, 500 - (int)joined.Revision).Select(r => (long)r), late);
        }

        static Task Record(List<long> into, IReadOnlyList<SessionMessage> messages)
        {
            lock (into)
            {
                into.AddRange(messages.Select(m => m.Payload).OfType<OperationAppliedMessage>().Select(m => m.Revision));
            }

            return Task.CompletedTask;
        }

        static int Count(List<long> list)
        {
            lock (list)
            {
                return list.Count;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "Timed out waiting for the members' messages.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static string Cells(Workbook book) =>
        string.Join(";", book.EnumerateCells("Sheet1").Where(c => !c.IsEmpty).Select(c => $"{c.Address}={c.Input}"));
}
