using Collab.Editing.Domain;
using Collab.Kernel.Data;
using Microsoft.Data.Sqlite;

namespace Collab.Editing.Infrastructure;

/// <summary>
/// The op log on the hot path, in plain ADO.NET: one transaction per commit batch (group commit: one fsync for every
/// op that waited together), prepared statements, no change tracking; appends take <see cref="CollabDatabase.WriteGate"/>.
/// </summary>
internal sealed class OpLogStore(CollabDatabase database)
{
    private const string Ops = EditingDbContext.TablePrefix + "Ops";
    private const string Changes = EditingDbContext.TablePrefix + "Changes";

    // Appends waiting for the write gate; whoever holds it stores all of them (group commit).
    private readonly System.Collections.Concurrent.ConcurrentQueue<PendingAppend> _waiting = new();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Appends ops and their change records atomically; throws (and stores nothing) when any revision or op id exists.
    /// Appends that wait for the write gate together (other models' sessions) are stored in one transaction, one fsync
    /// for all of them; when that fails, each is stored on its own, so that only the faulty one fails.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<OpRecord> ops, IReadOnlyList<ModelChangeRecord> changes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var mine = new PendingAppend(ops, changes);
        _waiting.Enqueue(mine);

        // Not cancelled once queued: another session's write may store it, and its caller must then hear so.
        await database.WriteGate.WaitAsync(CancellationToken.None);
        try
        {
            // Whoever held the gate before stored and answered everything it took from the queue; if this one was not
            // among it, it is still queued.
            if (!mine.Done.Task.IsCompleted)
            {
                var group = new List<PendingAppend>();
                while (_waiting.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                await WriteGroupAsync(group);
            }
        }
        finally
        {
            database.WriteGate.Release();
        }

        await mine.Done.Task;
    }

    // Other sessions' appends are in the group: one caller's cancellation does not cancel them.
    private async Task WriteGroupAsync(List<PendingAppend> group)
    {
        if (group.Count > 1)
        {
            try
            {
                await AppendCoreAsync([.. group.SelectMany(g => g.Ops)], [.. group.SelectMany(g => g.Changes)], CancellationToken.None);
                group.ForEach(g => g.Done.TrySetResult());
                return;
            }
            catch (Exception)
            {
                // Stored nothing (one transaction): each on its own below.
            }
        }

        foreach (var append in group)
        {
            try
            {
                await AppendCoreAsync(append.Ops, append.Changes, CancellationToken.None);
                append.Done.TrySetResult();
            }
            catch (Exception error)
            {
                append.Done.TrySetException(error);
            }
        }
    }

    private sealed record PendingAppend(IReadOnlyList<OpRecord> Ops, IReadOnlyList<ModelChangeRecord> Changes)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private async Task AppendCoreAsync(IReadOnlyList<OpRecord> ops, IReadOnlyList<ModelChangeRecord> changes, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {Ops} (ModelId, Revision, OpId, UserId, Op, CreatedAt) VALUES ($model, $revision, $opId, $user, $op, $at)";
            var model = insert.Parameters.Add("$model", SqliteType.Text);
            var revision = insert.Parameters.Add("$revision", SqliteType.Integer);
            var opId = insert.Parameters.Add("$opId", SqliteType.Text);
            var user = insert.Parameters.Add("$user", SqliteType.Text);
            var op = insert.Parameters.Add("$op", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            insert.Prepare();
            foreach (var record in ops)
            {
                model.Value = record.ModelId;
                revision.Value = record.Revision;
                opId.Value = record.OpId;
                user.Value = record.UserId;
                op.Value = record.Op;
                at.Value = record.CreatedAt;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (changes.Count > 0)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {Changes} (ModelId, Revision, UserId, Sheet, Cell, OldInput, NewInput, At) VALUES ($model, $revision, $user, $sheet, $cell, $old, $new, $at)";
            var model = insert.Parameters.Add("$model", SqliteType.Text);
            var revision = insert.Parameters.Add("$revision", SqliteType.Integer);
            var user = insert.Parameters.Add("$user", SqliteType.Text);
            var sheet = insert.Parameters.Add("$sheet", SqliteType.Text);
            var cell = insert.Parameters.Add("$cell", SqliteType.Text);
            var oldInput = insert.Parameters.Add("$old", SqliteType.Text);
            var newInput = insert.Parameters.Add("$new", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            insert.Prepare();
            foreach (var change in changes)
            {
                model.Value = change.ModelId;
                revision.Value = change.Revision;
                user.Value = change.UserId;
                sheet.Value = change.Sheet;
                cell.Value = change.Cell;
                oldInput.Value = (object?)change.OldInput ?? DBNull.Value;
                newInput.Value = (object?)change.NewInput ?? DBNull.Value;
                at.Value = change.At;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The ops with revision greater than <paramref name="afterRevision"/>, in order.</summary>
    public async Task<List<OpRecord>> LoadSinceAsync(string modelId, long afterRevision, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT Revision, OpId, UserId, Op, CreatedAt FROM {Ops} WHERE ModelId = $model AND Revision > $after ORDER BY Revision";
        query.Parameters.AddWithValue("$model", modelId);
        query.Parameters.AddWithValue("$after", afterRevision);
        var ops = new List<OpRecord>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ops.Add(new OpRecord
            {
                ModelId = modelId,
                Revision = reader.GetInt64(0),
                OpId = reader.GetString(1),
                UserId = reader.GetString(2),
                Op = reader.GetString(3),
                CreatedAt = reader.GetInt64(4),
            });
        }

        return ops;
    }

    /// <summary>The revision of the op with this id, when the log has it.</summary>
    public async Task<long?> FindRevisionAsync(string modelId, string opId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT Revision FROM {Ops} WHERE ModelId = $model AND OpId = $opId";
        query.Parameters.AddWithValue("$model", modelId);
        query.Parameters.AddWithValue("$opId", opId);
        return await query.ExecuteScalarAsync(cancellationToken) is long revision ? revision : null;
    }

    /// <summary>The newest revision in the log (0 when it is empty).</summary>
    public async Task<long> LatestRevisionAsync(string modelId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT MAX(Revision) FROM {Ops} WHERE ModelId = $model";
        query.Parameters.AddWithValue("$model", modelId);
        return await query.ExecuteScalarAsync(cancellationToken) is long revision ? revision : 0;
    }

    /// <summary>The oldest revision still in the log (null when it is empty).</summary>
    public async Task<long?> OldestRevisionAsync(string modelId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT MIN(Revision) FROM {Ops} WHERE ModelId = $model";
        query.Parameters.AddWithValue("$model", modelId);
        return await query.ExecuteScalarAsync(cancellationToken) is long revision ? revision : null;
    }

    /// <summary>Deletes the model's ops up to and including <paramref name="throughRevision"/> (compaction), keeping change records.</summary>
    public async Task<int> DeleteThroughAsync(string modelId, long throughRevision, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.CommandText = $"DELETE FROM {Ops} WHERE ModelId = $model AND Revision <= $through";
        delete.Parameters.AddWithValue("$model", modelId);
        delete.Parameters.AddWithValue("$through", throughRevision);
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes everything of a deleted model.</summary>
    public async Task DeleteModelAsync(string modelId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.CommandText = $"DELETE FROM {Ops} WHERE ModelId = $model; DELETE FROM {Changes} WHERE ModelId = $model; DELETE FROM {EditingDbContext.TablePrefix}Sessions WHERE ModelId = $model;";
        delete.Parameters.AddWithValue("$model", modelId);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
