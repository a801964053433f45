using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Collab.Editing.Contracts;
using Collab.Editing.Core;
using Collab.Kernel.Api;
using Collab.Kernel.Hubs;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Collab.Editing.Application.Sessions;

/// <summary>
/// A hub connection in a model's session; what waits for it goes out as one <c>OperationsApplied</c> batch, written
/// (for the JSON protocol) from each op's bytes serialized once for every member.
/// </summary>
internal sealed class HubMember(HubCaller caller, string modelId, IHubContext<CollabHub> hub, CollabHubLifetimeManager connections, JsonSerializerOptions payloadOptions, Action<HubMember> dropped) : ISessionMember
{
    public string MemberId => caller.ConnectionId;

    public string ModelId => modelId;

    public Actor Actor => caller.Actor;

    public string DisplayName => caller.DisplayName;

    public string Color => caller.Color;

    public MemberKind Kind => MemberKind.Hub;

    public async Task DeliverAsync(IReadOnlyList<SessionMessage> messages)
    {
        var client = hub.Clients.Client(caller.ConnectionId);
        var i = 0;
        while (i < messages.Count)
        {
            if (messages[i].Method == Methods.OperationApplied)
            {
                var start = i;
                while (i < messages.Count && messages[i].Method == Methods.OperationApplied)
                {
                    i++;
                }

                await (i - start == 1 ? SendOneAsync(client, messages[start]) : SendBatchAsync(client, messages, start, i - start));
                continue;
            }

            await SendOneAsync(client, messages[i]);
            i++;
        }
    }

    // One message as it is: the bytes serialized for the first member are written to the others.
    private Task SendOneAsync(IClientProxy client, SessionMessage message) =>
        connections.TryGetConnection(caller.ConnectionId, out var connection)
            ? connection.WriteAsync(message.Wire).AsTask()
            : client.SendAsync(message.Method, message.Payload);

    // {"type":1,"target":"OperationsApplied","arguments":[[op,op,...]]} and the record separator, as JsonHubProtocol
    // writes an invocation without an id, composed from each message's bytes instead of serializing the list.
    private Task SendBatchAsync(IClientProxy client, IReadOnlyList<SessionMessage> messages, int start, int count)
    {
        if (!connections.TryGetConnection(caller.ConnectionId, out var connection) || connection.Protocol.Name != "json")
        {
            return client.SendAsync(Methods.OperationsApplied, messages.Skip(start).Take(count).Select(m => m.Payload).ToList());
        }

        var buffer = new ArrayBufferWriter<byte>(256 * count);
        buffer.Write("{\"type\":1,\"target\":\"OperationsApplied\",\"arguments\":[["u8);
        for (var k = 0; k < count; k++)
        {
            if (k > 0)
            {
                buffer.Write(","u8);
            }

            buffer.Write(messages[start + k].PayloadJson(payloadOptions));
        }

        buffer.Write("]]}\u001e"u8);
        return connection.WriteAsync(new SerializedHubMessage([new SerializedMessage("json", buffer.WrittenMemory)])).AsTask();
    }

    public void Dropped(string reason)
    {
        dropped(this);
        _ = hub.Clients.Client(caller.ConnectionId).SendAsync("Dropped", new { modelId, reason });
    }
}

/// <summary>The hub's session methods (PROTOCOL.md): join, submit, leave, over the same <see cref="ModelSession"/> the browser uses.</summary>
internal sealed class HubSessions(ModelSessionManager sessions, IHubContext<CollabHub> hub, CollabHubLifetimeManager connections, IOptions<EditingOptions> options, IOptions<JsonHubProtocolOptions> json) : IModelSessionHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubMember>> _joined = new(StringComparer.Ordinal);

    public async Task<object> JoinModelAsync(HubCaller caller, string? modelId, long? sinceRevision, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            throw new HubErrorException(ErrorCodes.InvalidInput, "modelId is required.");
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var session = await sessions.GetAsync(modelId, cancellationToken) ?? throw NotFound();
            var member = new HubMember(caller, modelId, hub, connections, json.Value.PayloadSerializerOptions, Forget);
            var joined = await session.JoinAsync(member, sinceRevision, wantState: true);
            switch (joined.Status)
            {
                case JoinStatus.NotFound:
                    throw NotFound();
                case JoinStatus.Joined:
                    _joined.GetOrAdd(caller.ConnectionId, _ => new(StringComparer.Ordinal))[modelId] = member;
                    return new JoinResult(joined.Revision, joined.Role.ToWire(), joined.Snapshot, joined.Operations, joined.Users);
            }
        }

        throw new HubErrorException("unavailable", "The model is reloading; join again.");
    }

    public async Task<object> SubmitOperationAsync(HubCaller caller, SubmitOperationRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ModelId))
        {
            throw new HubErrorException(ErrorCodes.InvalidOperation, "modelId is required.");
        }

        if (string.IsNullOrEmpty(request.OpId) || request.OpId.Length > EditingClient.MaxOpIdLength)
        {
            throw new HubErrorException(ErrorCodes.InvalidOperation, $"opId is required and has at most {EditingClient.MaxOpIdLength} characters.");
        }

        if (request.BaseRevision is not { } baseRevision)
        {
            throw new HubErrorException(ErrorCodes.InvalidOperation, "baseRevision is required.");
        }

        if (!_joined.TryGetValue(caller.ConnectionId, out var models) || !models.ContainsKey(request.ModelId))
        {
            throw new HubErrorException(ErrorCodes.NotJoined, "Call JoinModel for this model on this connection first.");
        }

        var op = Parse(request.Op);
        var session = await sessions.GetAsync(request.ModelId, cancellationToken) ?? throw NotFound();
        var outcome = await session.SubmitAsync(caller.Actor, caller.ConnectionId, request.OpId, baseRevision, op);
        if (!outcome.Succeeded)
        {
            throw new HubErrorException(outcome.ErrorCode!, outcome.ErrorMessage!);
        }

        return new { revision = outcome.Revision };
    }

    public async Task LeaveModelAsync(HubCaller caller, string? modelId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            throw new HubErrorException(ErrorCodes.InvalidInput, "modelId is required.");
        }

        if (_joined.TryGetValue(caller.ConnectionId, out var models) && models.TryRemove(modelId, out _))
        {
            if (await sessions.GetAsync(modelId, cancellationToken) is { } session)
            {
                await session.LeaveAsync(caller.ConnectionId);
            }
        }
    }

    public async Task DisconnectedAsync(HubCaller caller)
    {
        if (_joined.TryRemove(caller.ConnectionId, out var models))
        {
            foreach (var modelId in models.Keys)
            {
                if (sessions.Members(modelId).Count > 0 && await sessions.GetAsync(modelId) is { } session)
                {
                    await session.LeaveAsync(caller.ConnectionId);
                }
            }
        }
    }

    private Operation Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new HubErrorException(ErrorCodes.InvalidOperation, "op must be an object with a \"type\".");
        }

        var text = json.GetRawText();
        if (text.Length > options.Value.MaxOperationJsonLength)
        {
            throw new HubErrorException(ErrorCodes.TooLarge, $"The op has {text.Length:N0} characters; the limit is {options.Value.MaxOperationJsonLength:N0}.");
        }

        try
        {
            return Operation.FromJson(text);
        }
        catch (Exception error) when (error is JsonException or NotSupportedException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new HubErrorException(ErrorCodes.InvalidOperation, "The op is malformed: " + error.Message);
        }
    }

    private void Forget(HubMember member)
    {
        if (_joined.TryGetValue(member.MemberId, out var models))
        {
            models.TryRemove(member.ModelId, out _);
        }
    }

    private static HubErrorException NotFound() => new(ErrorCodes.NotFound, "No such model.");
}
