using Collab.Editing.Domain;
using Collab.Editing.Infrastructure;
using Collab.Kernel.Data;
using Collab.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.IntegrationTests;

/// <summary>
/// Appends of many models' sessions wait for one write gate and are stored together (group commit); a faulty append
/// among them fails alone.
/// </summary>
public class OpLogGroupCommitTests
{
    private static OpRecord Op(string modelId, long revision) => new()
    {
        ModelId = modelId,
        Revision = revision,
        OpId = $"{modelId}-{revision}",
        UserId = "user",
        Op = """{"type":"setCell","sheet":"Sheet1","cell":"A1","input":"1"}""",
        CreatedAt = 0,
    };

    [Fact]
    public async Task Appends_waiting_together_are_stored_and_only_the_faulty_one_fails()
    {
        await using var app = new CollabAppFactory("Development");
        var opLog = app.Services.GetRequiredService<OpLogStore>();
        var database = app.Services.GetRequiredService<CollabDatabase>();
        var token = TestContext.Current.CancellationToken;
        var models = Enumerable.Range(0, 3).Select(i => $"group-{Guid.NewGuid():N}-{i}").ToArray();
        await opLog.AppendAsync([Op(models[1], 1)], [], token);

        // While the gate is held, three appends queue up; the one repeating model 1's revision 1 breaks the shared
        // transaction, so each is then stored on its own.
        await database.WriteGate.WaitAsync(token);
        var good0 = opLog.AppendAsync([Op(models[0], 1), Op(models[0], 2)], [], token);
        var faulty = opLog.AppendAsync([Op(models[1], 1)], [], token);
        var good2 = opLog.AppendAsync([Op(models[2], 1)], [], token);
        Assert.False(good0.IsCompleted);
        database.WriteGate.Release();

        await good0;
        await good2;
        await Assert.ThrowsAsync<SqliteException>(() => faulty);
        Assert.Equal([1L, 2L], (await opLog.LoadSinceAsync(models[0], 0, token)).Select(r => r.Revision));
        Assert.Equal([1L], (await opLog.LoadSinceAsync(models[1], 0, token)).Select(r => r.Revision));
        Assert.Equal([1L], (await opLog.LoadSinceAsync(models[2], 0, token)).Select(r => r.Revision));
    }

    [Fact]
    public async Task Many_sessions_appending_at_once_store_every_op_in_order()
    {
        await using var app = new CollabAppFactory("Development");
        var opLog = app.Services.GetRequiredService<OpLogStore>();
        var token = TestContext.Current.CancellationToken;
        var models = Enumerable.Range(0, 20).Select(i => $"many-{Guid.NewGuid():N}-{i}").ToArray();

        // Each model appends its revisions one after the other, as a session does; the models run at once.
        await Task.WhenAll(models.Select(model => Task.Run(async () =>
        {
            for (var revision = 1; revision <= 15; revision++)
            {
                await opLog.AppendAsync([Op(model, revision)], [], token);
            }
        }, token)));

        foreach (var model in models)
        {
            Assert.Equal(Enumerable.Range(1, 15).Select(r => (long)r), (await opLog.LoadSinceAsync(model, 0, token)).Select(r => r.Revision));
        }
    }
}
