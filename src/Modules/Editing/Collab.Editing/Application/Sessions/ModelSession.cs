using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Collab.Editing.Contracts;
using Collab.Editing.Core;
using Collab.Editing.Domain;
using Collab.Kernel.Api;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Engine;
using Microsoft.Extensions.Logging;

namespace Collab.Editing.Application.Sessions;

/// <summary>
/// One open model: the shared workbook every member reads, and the sequencer. A single reader on a channel takes what
/// waits (submissions, joins, leaves), checks permission, transforms each op against the log since its base revision,
/// validates, applies, recalculates, stores the batch in one transaction, and only then acknowledges and fans out.
/// The sequencer never waits on a member: each has a bounded outbox. Readers (rendering, REST) take a read lock.
/// </summary>
internal sealed class ModelSession
{
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly List<LoggedOp> _log;
    private readonly Dictionary<string, long> _opIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MemberConnection> _members = new(StringComparer.Ordinal);

    // _members.Count takes every lock of the dictionary; each member's send loop asks for the count (FanOutInterval).
    private int _memberCount;
    private readonly FanOutClock _fanOutClock;
    private readonly SessionServices _services;
    private readonly Workbook _workbook;
    private readonly OperationValidator _validator;
    private readonly OperationLimits _limits;
    private long _logStart;
    private long _revision;
    private long _snapshotRevision;
    private int _queueDepth;
    private Task _loop = Task.CompletedTask;
    private Task<bool>? _inFlight;
    private volatile bool _broken;

    private ModelSession(string modelId, Workbook workbook, long revision, long snapshotRevision, List<LoggedOp> log, long logStart, SessionServices services)
    {
        ModelId = modelId;
        _workbook = workbook;
        _revision = revision;
        _snapshotRevision = snapshotRevision;
        _log = log;
        _logStart = logStart;
        _services = services;
        _fanOutClock = new FanOutClock(FanOutInterval);
        _limits = new OperationLimits { MaxSetRangeCells = services.Options.MaxSetRangeCells, MaxRangeCells = services.Options.MaxRangeCells };
        _validator = new OperationValidator(workbook, _limits);
        foreach (var entry in log)
        {
            _opIds[entry.OpId] = entry.Revision;
        }

        LastActivity = services.Time.GetUtcNow();
    }

    /// <summary>The size limits ops are validated against.</summary>
    public OperationLimits Limits => _limits;

    public string ModelId { get; }

    /// <summary>The revision of the last applied op.</summary>
    public long Revision => Interlocked.Read(ref _revision);

    public int QueueDepth => Volatile.Read(ref _queueDepth);

    public int MemberCount => Volatile.Read(ref _memberCount);

    // How long a member's deliveries wait for more to batch: only in a model busy enough for batching to matter (the
    // member count is read without the session's loop, a count a moment old is as good).
    private TimeSpan FanOutInterval() =>
        Volatile.Read(ref _memberCount) >= _services.Options.FanOutBatchingMembers ? TimeSpan.FromMilliseconds(_services.Options.FanOutIntervalMs) : TimeSpan.Zero;

    /// <summary>When someone last joined, left or submitted.</summary>
    public DateTimeOffset LastActivity { get; private set; }

    /// <summary>True once the session stopped (unloaded, or broken by a failed commit): callers load a new one.</summary>
    public bool IsClosed { get; private set; }

    public IReadOnlyList<SessionMemberInfo> Members =>
        _members.Values.Select(m => new SessionMemberInfo(m.Member.MemberId, m.Member.Actor.UserId, m.Member.DisplayName, m.Member.Color, m.Role)).ToList();

    /// <summary>Loads the newest snapshot and replays the later ops; keeps the recent ops in memory.</summary>
    public static async Task<ModelSession> LoadAsync(string modelId, SessionServices services, CancellationToken cancellationToken)
    {
        var stored = await services.Store.LoadLatestAsync(modelId, cancellationToken)
            ?? throw new KeyNotFoundException($"Model {modelId} has no stored workbook.");
        var workbook = Workbook.FromSnapshot(stored.Snapshot, services.Time);
        var latest = await services.OpLog.LatestRevisionAsync(modelId, cancellationToken);
        var from = Math.Max(0, Math.Min(stored.Revision, latest - services.Options.RecentOpsInMemory));
        var records = await services.OpLog.LoadSinceAsync(modelId, from, cancellationToken);
        var log = new List<LoggedOp>(records.Count);
        foreach (var record in records)
        {
            var op = Operation.FromJson(record.Op);
            if (record.Revision > stored.Revision)
            {
                OperationApplier.Apply(workbook, op);
            }

            log.Add(new LoggedOp(record.Revision, record.OpId, record.UserId, op));
        }

        var revision = Math.Max(stored.Revision, latest);
        var logStart = log.Count > 0 ? log[0].Revision - 1 : revision;
        var session = new ModelSession(modelId, workbook, revision, stored.Revision, log, logStart, services);
        session._loop = Task.Run(session.RunAsync);
        return session;
    }

    /// <summary>Runs <paramref name="read"/> on the shared workbook with no writer running meanwhile.</summary>
    public T Read<T>(Func<Workbook, long, T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read(_workbook, _revision);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Queues a submission; the task completes once it is stored (or refused).</summary>
    public Task<SubmitOutcome> SubmitAsync(Actor actor, string? memberId, string opId, long baseRevision, Operation op)
    {
        var submission = new Submission(actor, memberId, opId, baseRevision, op);
        Interlocked.Increment(ref _queueDepth);
        if (!_inbox.Writer.TryWrite(submission))
        {
            Interlocked.Decrement(ref _queueDepth);
            return Task.FromResult(SubmitOutcome.Error(ErrorCodes.NotJoined, "The model was closed; join it again."));
        }

        return submission.Completion.Task;
    }

    /// <summary>Adds a member (checking its role) and returns what it missed since <paramref name="sinceRevision"/>.</summary>
    public Task<JoinOutcome> JoinAsync(ISessionMember member, long? sinceRevision, bool wantState)
    {
        var join = new JoinItem(member, sinceRevision, wantState);
        return _inbox.Writer.TryWrite(join) ? join.Completion.Task : Task.FromResult(JoinOutcome.Closed);
    }

    /// <summary>Removes a member; true when it was in the session.</summary>
    public Task<bool> LeaveAsync(string memberId)
    {
        var leave = new LeaveItem(memberId);
        return _inbox.Writer.TryWrite(leave) ? leave.Completion.Task : Task.FromResult(false);
    }

    /// <summary>Applies a role change to the person's open connections (removing them when access was removed).</summary>
    public void RoleChanged(string userId, ModelRole role) => _inbox.Writer.TryWrite(new RoleItem(userId, role));

    /// <summary>Queues a message for every member but one (presence and the like).</summary>
    public void Broadcast(string method, object payload, string? exceptMemberId)
    {
        var message = new SessionMessage(method, payload);
        foreach (var (_, member) in _members) // enumerating takes no lock, unlike Values
        {
            if (member.Member.MemberId != exceptMemberId)
            {
                Enqueue(member, message);
            }
        }
    }

    public bool IsMember(string memberId) => _members.ContainsKey(memberId);

    /// <summary>Stops the sequencer after what is queued, stores a final snapshot, and drops every member.</summary>
    public async Task CloseAsync(string reason)
    {
        _inbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        IsClosed = true;
        await SaveSnapshotIfBehindAsync(force: false).ConfigureAwait(false);
        foreach (var member in _members.Values)
        {
            member.Member.Dropped(reason);
            _ = member.CloseAsync();
        }

        _members.Clear();
        Volatile.Write(ref _memberCount, 0);
    }

    private async Task RunAsync()
    {
        var batch = new List<Submission>();
        try
        {
            while (await _inbox.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (!_broken && _inbox.Reader.TryPeek(out var next))
                {
                    if (next is Submission && batch.Count < _services.Options.MaxCommitBatch)
                    {
                        _inbox.Reader.TryRead(out _);
                        batch.Add((Submission)next);
                        continue;
                    }

                    if (batch.Count > 0)
                    {
                        break;
                    }

                    // Joins, leaves and role changes see only stored, fanned-out ops: the batch in flight lands first.
                    if (!await DrainAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    _inbox.Reader.TryRead(out _);
                    await HandleAsync(next).ConfigureAwait(false);
                }

                if (_broken)
                {
                    Break(batch);
                    return;
                }

                if (batch.Count > 0)
                {
                    Interlocked.Add(ref _queueDepth, -batch.Count);
                    if (_revision - _snapshotRevision >= _services.Options.SnapshotEvery && await DrainAsync().ConfigureAwait(false))
                    {
                        // Only stored ops go into a snapshot: nothing is applied and unstored at this point.
                        await SaveSnapshotIfBehindAsync(force: true).ConfigureAwait(false);
                    }

                    var prepared = await PrepareAsync(batch).ConfigureAwait(false);

                    // Pipelined: this batch was transformed and applied while the previous one was being stored; it is
                    // stored only after that one landed, so revisions reach the log, the acks and the members in order.
                    if (!await DrainAsync().ConfigureAwait(false))
                    {
                        Break(batch);
                        return;
                    }

                    _inFlight = prepared.Accepted.Count > 0 ? CommitAsync(prepared) : null;
                    batch = new List<Submission>();
                }
            }

            if (!await DrainAsync().ConfigureAwait(false))
            {
                Break(batch);
            }
        }
        catch (Exception error)
        {
            _services.Logger.LogError(error, "The session of model {ModelId} stopped", ModelId);
            Break(batch);
        }
    }

    /// <summary>Waits for the batch being stored; false when storing it failed (the session then breaks).</summary>
    private async Task<bool> DrainAsync()
    {
        if (_inFlight is { } inFlight)
        {
            _inFlight = null;
            if (!await inFlight.ConfigureAwait(false))
            {
                _broken = true;
            }
        }

        return !_broken;
    }

    private async Task HandleAsync(object item)
    {
        LastActivity = _services.Time.GetUtcNow();
        switch (item)
        {
            case JoinItem join:
                join.Completion.TrySetResult(await JoinCoreAsync(join).ConfigureAwait(false));
                break;
            case LeaveItem leave:
                leave.Completion.TrySetResult(Remove(leave.MemberId, notify: true));
                break;
            case RoleItem role:
                ApplyRole(role);
                break;
        }
    }

    /// <summary>Checks, transforms and applies a batch in memory; refusals are answered now, the rest wait for the commit.</summary>
    private async Task<PreparedBatch> PrepareAsync(List<Submission> batch)
    {
        LastActivity = _services.Time.GetUtcNow();
        var prepared = new PreparedBatch(_services.Time.GetUtcNow());
        foreach (var submission in batch)
        {
            // The checks that may wait (roles, the log on disk) run outside the lock; reading threads never wait on them.
            var outcome = await CheckAsync(submission, prepared).ConfigureAwait(false);
            if (outcome is null)
            {
                _lock.EnterWriteLock();
                try
                {
                    outcome = Apply(submission, prepared.Accepted, prepared.Now);
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }

            if (outcome is not null && !ReferenceEquals(outcome, Deferred))
            {
                if (!outcome.Succeeded)
                {
                    _services.Metrics.Rejected.Add(1, new KeyValuePair<string, object?>("code", outcome.ErrorCode));
                }

                submission.Completion.TrySetResult(outcome);
            }
        }

        return prepared;
    }

    /// <summary>
    /// Stores a prepared batch in one transaction, then acknowledges it (an acknowledged op survives a killed process)
    /// and fans it out. False when storing failed: its submissions are answered "unavailable".
    /// </summary>
    private async Task<bool> CommitAsync(PreparedBatch batch)
    {
        var now = batch.Now;
        var stored = batch.Accepted.Where(a => !a.Op.IsNoOp).ToList();
        if (stored.Count > 0)
        {
            var timer = Stopwatch.StartNew();
            try
            {
                await _services.OpLog.AppendAsync(
                    stored.Select(a => new OpRecord { ModelId = ModelId, Revision = a.Revision, OpId = a.Submission.OpId, UserId = a.Submission.Actor.UserId, Op = Encoding.UTF8.GetString(a.Message.OpJson), CreatedAt = now.ToUnixTimeMilliseconds() }).ToList(),
                    stored.SelectMany(a => a.Changes).ToList(),
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                _services.Logger.LogError(error, "Storing {Count} ops of model {ModelId} failed; the session reloads", stored.Count, ModelId);
                IsClosed = true;
                _broken = true;

                // Wakes the sequencer, which then refuses what waits and drops the members (they rejoin a reloaded session).
                _inbox.Writer.TryComplete();
                foreach (var item in batch.Accepted)
                {
                    item.Submission.Completion.TrySetResult(Unavailable);
                }

                foreach (var (submission, _) in batch.WaitingForCommit)
                {
                    submission.Completion.TrySetResult(Unavailable);
                }

                return false;
            }

            _services.Metrics.CommitDuration.Record(timer.Elapsed.TotalMilliseconds);
            _services.Metrics.CommitBatchSize.Record(stored.Count);
            _services.Metrics.OpsApplied.Add(stored.Count);
        }

        foreach (var item in batch.Accepted)
        {
            item.Submission.Completion.TrySetResult(SubmitOutcome.Ok(item.Revision, item.Inverse));
        }

        foreach (var (submission, revision) in batch.WaitingForCommit)
        {
            submission.Completion.TrySetResult(SubmitOutcome.Ok(revision, null));
        }

        foreach (var item in stored)
        {
            var message = new SessionMessage(Methods.OperationApplied, item.Message);
            foreach (var (_, member) in _members)
            {
                Enqueue(member, message);
            }

            _services.Notifications.Enqueue(new OperationApplied(ModelId, item.Revision, item.Submission.OpId, item.Submission.Actor.UserId, item.Op, item.Message.ChangedCells, now));
        }

        foreach (var item in batch.Accepted)
        {
            SendConflicts(item);
        }

        return true;
    }

    /// <summary>
    /// Refusals and duplicates: an outcome now, <see cref="Deferred"/> for a resubmission answered at the commit, or
    /// null when the op should be transformed and applied.
    /// </summary>
    private async Task<SubmitOutcome?> CheckAsync(Submission submission, PreparedBatch batch)
    {
        if (_opIds.TryGetValue(submission.OpId, out var known))
        {
            // Resubmitted: answered with its original revision, applied once, and only once it is stored: after this
            // batch commits if it is in it, after the batch in flight lands if it is in that one.
            if (batch.Accepted.Any(a => a.Submission.OpId == submission.OpId))
            {
                batch.WaitingForCommit.Add((submission, known));
                return Deferred;
            }

            return await DrainAsync().ConfigureAwait(false) ? SubmitOutcome.Ok(known, null) : Unavailable;
        }

        var role = await _services.Authorization.GetRoleAsync(submission.Actor, ModelId).ConfigureAwait(false);
        if (role == ModelRole.None)
        {
            return SubmitOutcome.Error(ErrorCodes.NotFound, "No such model.");
        }

        if (!role.Allows(ModelAction.Edit))
        {
            return SubmitOutcome.Error(ErrorCodes.Forbidden, $"{role.ToWire()}s cannot edit.");
        }

        if (submission.MemberId is not null && !_members.ContainsKey(submission.MemberId))
        {
            return SubmitOutcome.Error(ErrorCodes.NotJoined, "Join the model before submitting operations.");
        }

        if (submission.BaseRevision > _revision || submission.BaseRevision < 0)
        {
            return SubmitOutcome.Error(ErrorCodes.InvalidOperation, $"baseRevision {submission.BaseRevision} is not a revision of this model (the current one is {_revision}).");
        }

        if (submission.BaseRevision < _logStart)
        {
            var stored = await _services.OpLog.FindRevisionAsync(ModelId, submission.OpId, CancellationToken.None).ConfigureAwait(false);
            return stored is { } revision
                ? SubmitOutcome.Ok(revision, null)
                : SubmitOutcome.Error(ErrorCodes.StaleRevision, $"baseRevision {submission.BaseRevision} is older than the log keeps ({_logStart}); join the model again.");
        }

        return null;
    }

    /// <summary>Transforms, validates and applies (under the write lock); null when applied and waiting for the commit.</summary>
    private SubmitOutcome? Apply(Submission submission, List<Accepted> accepted, DateTimeOffset now)
    {
        var op = submission.Op;
        var conflicts = new List<LostValue>();
        for (var i = (int)(submission.BaseRevision - _logStart); i < _log.Count; i++)
        {
            var against = _log[i];
            var result = OperationTransformer.Transform(op, against.Op);
            _services.Metrics.Transforms.Add(1);
            op = result.Op;
            foreach (var conflict in result.Conflicts)
            {
                // A connection's own ops never surprise it; the same person on another connection (or tab) is told,
                // since the author of a lost value is told whoever ordered later (PROTOCOL.md, Conflict).
                if (against.MemberId is null || against.MemberId != submission.MemberId)
                {
                    conflicts.Add(new LostValue(conflict, against.UserId, against.MemberId));
                }
            }
        }

        if (!op.IsNoOp)
        {
            // Fix what depends on the state the op meets (an appended sheet's index, a whole-column format's extent).
            op = OperationApplier.Normalize(_workbook, op);
        }

        if (!op.IsNoOp && _validator.Check(op) is { } problem)
        {
            return SubmitOutcome.Error(problem.TooLarge ? ErrorCodes.TooLarge : ErrorCodes.InvalidOperation, problem.Message);
        }

        if (op.IsNoOp)
        {
            // Transformation reduced the op to nothing: acknowledged at the current revision, nothing applied.
            _opIds[submission.OpId] = _revision;
            accepted.Add(new Accepted(submission, _revision, op, null, OperationAppliedMessage.Create(ModelId, _revision, submission.OpId, submission.Actor.UserId, op, []), [], conflicts));
            return null;
        }

        var changes = ChangeRecords.Before(_workbook, op);
        var (applied, inverse) = OperationApplier.ApplyAndInvert(_workbook, op);
        var revisionNow = ++_revision;
        _opIds[submission.OpId] = revisionNow;
        _log.Add(new LoggedOp(revisionNow, submission.OpId, submission.Actor.UserId, op) { MemberId = submission.MemberId });
        TrimLog();
        var records = ChangeRecords.After(_workbook, changes, ModelId, revisionNow, submission.Actor.UserId, now);
        accepted.Add(new Accepted(submission, revisionNow, op, inverse, OperationAppliedMessage.Create(ModelId, revisionNow, submission.OpId, submission.Actor.UserId, op, applied.Cells), records, conflicts));
        return null;
    }

    private void SendConflicts(Accepted item)
    {
        foreach (var (info, otherUserId, otherMemberId) in item.Conflicts)
        {
            var (loser, loserMemberId, winner) = info.Loser == ConflictLoser.Against
                ? (otherUserId, otherMemberId, item.Submission.Actor.UserId)
                : (item.Submission.Actor.UserId, item.Submission.MemberId, otherUserId);
            var message = new SessionMessage(Methods.Conflict, new ConflictMessage(ModelId, item.Revision, info.Sheet, info.Cell, info.YourValue, info.TheirValue, winner));

            // To the connection that wrote the lost value; when it is gone (or unknown), to every connection of its author.
            if (loserMemberId is not null && _members.TryGetValue(loserMemberId, out var author))
            {
                Enqueue(author, message);
            }
            else
            {
                foreach (var member in _members.Values.Where(m => m.Member.Actor.UserId == loser))
                {
                    Enqueue(member, message);
                }
            }

            _services.Metrics.Conflicts.Add(1);
        }
    }

    private void TrimLog()
    {
        var excess = _log.Count - _services.Options.RecentOpsInMemory;
        if (excess > Math.Max(16, _services.Options.RecentOpsInMemory / 8))
        {
            foreach (var old in _log.Take(excess))
            {
                _opIds.Remove(old.OpId);
            }

            _log.RemoveRange(0, excess);
            _logStart = _log[0].Revision - 1;
        }
    }

    private async Task<JoinOutcome> JoinCoreAsync(JoinItem join)
    {
        var member = join.Member;
        var role = await _services.Authorization.GetRoleAsync(member.Actor, ModelId).ConfigureAwait(false);
        if (role == ModelRole.None)
        {
            return JoinOutcome.NotFound;
        }

        var firstOfUser = !_members.Values.Any(m => m.Member.Actor.UserId == member.Actor.UserId);
        if (_members.TryGetValue(member.MemberId, out var existing))
        {
            existing.Role = role;
        }
        else
        {
            if (_members.TryAdd(member.MemberId, new MemberConnection(member, role, _services.Options.OutboxCapacity, _fanOutClock)))
            {
                Interlocked.Increment(ref _memberCount);
            }
        }

        if (firstOfUser)
        {
            Broadcast(Methods.UserJoined, new UserMessage(ModelId, member.Actor.UserId, member.DisplayName, member.Color), member.MemberId);
            _services.Notifications.Enqueue(new MemberJoinedModel(ModelId, member.Actor.UserId, member.DisplayName, member.Color, member.Kind == MemberKind.Browser ? "browser" : "hub"));
        }

        var users = _members.Values.GroupBy(m => m.Member.Actor.UserId).Select(g => g.First().Member).Select(m => new UserView(m.Actor.UserId, m.DisplayName, m.Color)).ToList();
        if (!join.WantState)
        {
            return new JoinOutcome(JoinStatus.Joined, role, _revision, null, null, users);
        }

        IReadOnlyList<OperationAppliedMessage>? missed = null;
        if (join.SinceRevision is { } since && since >= 0 && since <= _revision)
        {
            missed = await MissedSinceAsync(since).ConfigureAwait(false);
        }

        var snapshot = missed is null ? Read((workbook, _) => SnapshotOf(workbook)) : null;
        return new JoinOutcome(JoinStatus.Joined, role, _revision, snapshot, missed, users);
    }

    /// <summary>The ops after <paramref name="since"/>, from memory or the log; null when they were compacted away.</summary>
    private async Task<IReadOnlyList<OperationAppliedMessage>?> MissedSinceAsync(long since)
    {
        if (since >= _logStart)
        {
            var start = (int)(since - _logStart);
            return _log.Skip(start).Select(e => OperationAppliedMessage.Create(ModelId, e.Revision, e.OpId, e.UserId, e.Op, [])).ToList();
        }

        var records = await _services.OpLog.LoadSinceAsync(ModelId, since, CancellationToken.None).ConfigureAwait(false);
        var fromLog = records.TakeWhile(r => r.Revision <= _logStart).ToList();
        if (fromLog.Count == 0 || fromLog[0].Revision != since + 1)
        {
            return null;
        }

        return fromLog.Select(r => new OperationAppliedMessage(ModelId, r.Revision, r.OpId, r.UserId) { Op = Operation.FromJson(r.Op), OpJson = Encoding.UTF8.GetBytes(r.Op) })
            .Concat(_log.Select(e => OperationAppliedMessage.Create(ModelId, e.Revision, e.OpId, e.UserId, e.Op, [])))
            .ToList();
    }

    internal static SnapshotView SnapshotOf(Workbook workbook) =>
        new(
            workbook.SheetNames.Select(name => new SheetView(name, workbook.EnumerateCells(name).Where(c => !c.IsEmpty).Select(WireCell.From).ToList())).ToList(),
            workbook.Names.Select(n => new NameView(n.Name, n.RefersTo)).ToList());

    private bool Remove(string memberId, bool notify)
    {
        if (!_members.TryRemove(memberId, out var removed))
        {
            return false;
        }

        Interlocked.Decrement(ref _memberCount);
        _ = removed.CloseAsync();
        var userId = removed.Member.Actor.UserId;
        if (notify && !_members.Values.Any(m => m.Member.Actor.UserId == userId))
        {
            Broadcast(Methods.UserLeft, new UserMessage(ModelId, userId, removed.Member.DisplayName, removed.Member.Color), null);
            _services.Notifications.Enqueue(new MemberLeftModel(ModelId, userId));
        }

        LastActivity = _services.Time.GetUtcNow();
        return true;
    }

    private void ApplyRole(RoleItem change)
    {
        var message = new SessionMessage(Methods.RoleChanged, new RoleChangedMessage(ModelId, change.Role.ToWire()));
        foreach (var member in _members.Values.Where(m => m.Member.Actor.UserId == change.UserId && !m.Member.Actor.IsSystemAdmin).ToList())
        {
            member.Role = change.Role;
            Enqueue(member, message);
            if (change.Role == ModelRole.None)
            {
                Remove(member.Member.MemberId, notify: true);
                member.Member.Dropped("Your access to this model was removed.");
            }
        }
    }

    private void Enqueue(MemberConnection member, SessionMessage message)
    {
        if (!member.TryEnqueue(message) && _members.TryRemove(member.Member.MemberId, out _))
        {
            Interlocked.Decrement(ref _memberCount);
            // Fell behind: dropped without stalling anyone; it rejoins and catches up.
            _services.Metrics.MembersDropped.Add(1);
            _ = member.CloseAsync();
            member.Member.Dropped("The connection fell behind; rejoin the model.");
        }
    }

    private async Task SaveSnapshotIfBehindAsync(bool force)
    {
        if (!force && _revision == _snapshotRevision)
        {
            return;
        }

        var (snapshot, revision) = Read((workbook, revision) => (workbook.ToSnapshot(), revision));
        if (revision == _snapshotRevision)
        {
            return;
        }

        try
        {
            await _services.Store.SaveAsync(ModelId, revision, snapshot, CancellationToken.None).ConfigureAwait(false);
            _snapshotRevision = revision;
        }
        catch (Exception error)
        {
            // The ops are stored; a missing snapshot only makes the next load replay more.
            _services.Logger.LogWarning(error, "Storing the snapshot of model {ModelId} at {Revision} failed", ModelId, revision);
        }
    }

    private void Break(List<Submission> batch)
    {
        IsClosed = true;
        _broken = true;
        _inbox.Writer.TryComplete();
        foreach (var submission in batch)
        {
            submission.Completion.TrySetResult(Unavailable);
        }

        while (_inbox.Reader.TryRead(out var item))
        {
            switch (item)
            {
                case Submission submission:
                    submission.Completion.TrySetResult(Unavailable);
                    break;
                case JoinItem join:
                    join.Completion.TrySetResult(JoinOutcome.Closed);
                    break;
                case LeaveItem leave:
                    leave.Completion.TrySetResult(false);
                    break;
            }
        }

        foreach (var member in _members.Values)
        {
            member.Member.Dropped("The model was reloaded; rejoin it.");
            _ = member.CloseAsync();
        }

        _members.Clear();
        Volatile.Write(ref _memberCount, 0);
    }

    /// <summary>A submission answered when its batch is stored (a resubmission of an op in the same batch).</summary>
    private static readonly SubmitOutcome Deferred = SubmitOutcome.Error("deferred", "Answered at the commit.");

    private static SubmitOutcome Unavailable => SubmitOutcome.Error("unavailable", "The server could not store the operation; resubmit it.");

    /// <summary>A batch applied in memory and waiting to be stored.</summary>
    private sealed record PreparedBatch(DateTimeOffset Now)
    {
        public List<Accepted> Accepted { get; } = [];

        /// <summary>Resubmissions of ops in this batch: answered once it is stored.</summary>
        public List<(Submission Submission, long Revision)> WaitingForCommit { get; } = [];
    }

    /// <summary>An op in the recent log; <see cref="MemberId"/> is the connection that submitted it (null when loaded from disk).</summary>
    private sealed record LoggedOp(long Revision, string OpId, string UserId, Operation Op)
    {
        public string? MemberId { get; init; }
    }

    /// <summary>A value one side lost in a transformation, with the other op's author and connection.</summary>
    private sealed record LostValue(ConflictInfo Info, string OtherUserId, string? OtherMemberId);

    private sealed record Accepted(Submission Submission, long Revision, Operation Op, Operation? Inverse, OperationAppliedMessage Message, IReadOnlyList<ModelChangeRecord> Changes, IReadOnlyList<LostValue> Conflicts);

    private sealed record Submission(Actor Actor, string? MemberId, string OpId, long BaseRevision, Operation Op)
    {
        public TaskCompletionSource<SubmitOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record JoinItem(ISessionMember Member, long? SinceRevision, bool WantState)
    {
        public TaskCompletionSource<JoinOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record LeaveItem(string MemberId)
    {
        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record RoleItem(string UserId, ModelRole Role);
}

internal enum JoinStatus
{
    Joined,
    NotFound,
    Closed,
}

/// <summary>What a join returns: the role, the revision, and either the missed ops or a snapshot (when asked for state).</summary>
internal sealed record JoinOutcome(JoinStatus Status, ModelRole Role, long Revision, SnapshotView? Snapshot, IReadOnlyList<OperationAppliedMessage>? Operations, IReadOnlyList<UserView> Users)
{
    public static JoinOutcome NotFound { get; } = new(JoinStatus.NotFound, ModelRole.None, 0, null, null, []);

    public static JoinOutcome Closed { get; } = new(JoinStatus.Closed, ModelRole.None, 0, null, null, []);
}
