using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Kernel.Security;
using Collab.Permissions.Application.Members;
using Collab.Permissions.Contracts;
using Collab.Tests.Support;
using Collab.Workbooks.Application.Models;
using Collab.Workbooks.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.IntegrationTests;

/// <summary>
/// Every action × every role × every channel that exists, generated from one table of expectations.
/// A new action or channel joins <see cref="Probes"/>; the expected minimum role joins <see cref="MinimumRole"/>.
/// </summary>
public class AuthorizationMatrixTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    /// <summary>The expectation, written here independently of the product's own table.</summary>
    private static readonly Dictionary<string, string> MinimumRole = new()
    {
        ["view"] = "viewer",
        ["list-members"] = "viewer",
        ["rename"] = "admin",
        ["delete"] = "admin",
        ["share"] = "admin",
        ["view-audit"] = "admin",
        ["edit"] = "editor",
        ["export"] = "viewer",
    };

    private static readonly string[] RoleOrder = ["none", "viewer", "commenter", "editor", "admin"];

    public static readonly string[] Roles = ["none", "viewer", "commenter", "editor", "admin", "system-admin"];

    public static readonly (string Action, string Channel)[] Probes =
    [
        ("view", "rest"), ("view", "mediator"),
        ("list-members", "rest"), ("list-members", "mediator"),
        ("rename", "rest"), ("rename", "mediator"),
        ("delete", "rest"), ("delete", "mediator"),
        ("share", "rest"), ("share", "mediator"),
        ("view-audit", "rest"), ("view-audit", "mediator"),
        ("view", "hub"), ("edit", "hub"), ("edit", "session"),
        ("export", "rest"), ("export", "mediator"),
    ];

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (action, channel) in Probes)
        {
            foreach (var role in Roles)
            {
                data.Add(action, channel, role);
            }
        }

        return data;
    }

    private static bool Expected(string action, string role) =>
        role == "system-admin" || Array.IndexOf(RoleOrder, role) >= Array.IndexOf(RoleOrder, MinimumRole[action]);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task The_server_allows_exactly_what_the_role_permits(string action, string channel, string role)
    {
        // alice owns the model; the actor is bob with the role (or the system admin); carol is the share target.
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var modelId = await CollabAppFactory.CreateModelAsync(alice, $"{action} {channel} {role}");
        var bobId = await UserIdAsync(alice, "bob@demo.local");
        var carolId = await UserIdAsync(alice, "carol@demo.local");
        if (role is not ("none" or "system-admin"))
        {
            using var granted = await alice.PutAsJsonAsync($"/api/models/{modelId}/permissions/{bobId}", new { role }, TestContext.Current.CancellationToken);
            granted.EnsureSuccessStatusCode();
        }

        var actorEmail = role == "system-admin" ? "admin@demo.local" : "bob@demo.local";
        var actor = new Actor(await UserIdAsync(alice, actorEmail), role == "system-admin");
        var outcome = channel switch
        {
            "rest" => await ProbeRestAsync(action, modelId, carolId, actorEmail),
            "mediator" => await ProbeMediatorAsync(action, modelId, carolId, actor),
            "hub" => await ProbeHubAsync(action, modelId, actorEmail),
            "session" => await ProbeSessionAsync(modelId, actor),
            _ => throw new ArgumentOutOfRangeException(nameof(channel)),
        };

        var expected = Expected(action, role);
        Assert.True(expected == (outcome == Outcome.Allowed), $"{action} over {channel} as {role}: expected {(expected ? "allowed" : "denied")}, got {outcome}");
        if (!expected)
        {
            // A model one cannot see does not exist for them; a model one can see but not change is forbidden.
            Assert.Equal(role == "none" ? Outcome.NotFound : Outcome.Forbidden, outcome);
        }
    }

    private enum Outcome
    {
        Allowed,
        Forbidden,
        NotFound,
        Other,
    }

    private async Task<Outcome> ProbeRestAsync(string action, string modelId, string targetId, string actorEmail)
    {
        using var client = await app.CreateClientForAsync(actorEmail);
        var ct = TestContext.Current.CancellationToken;
        using var response = action switch
        {
            "view" => await client.GetAsync($"/api/models/{modelId}", ct),
            "list-members" => await client.GetAsync($"/api/models/{modelId}/permissions", ct),
            "rename" => await client.PutAsJsonAsync($"/api/models/{modelId}", new { name = "Renamed" }, ct),
            "delete" => await client.DeleteAsync($"/api/models/{modelId}", ct),
            "share" => await client.PutAsJsonAsync($"/api/models/{modelId}/permissions/{targetId}", new { role = "viewer" }, ct),
            "view-audit" => await client.GetAsync($"/api/models/{modelId}/permissions/audit", ct),
            "export" => await client.GetAsync($"/api/models/{modelId}/export", ct),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        return response.StatusCode switch
        {
            HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.Created => Outcome.Allowed,
            HttpStatusCode.Forbidden => Outcome.Forbidden,
            HttpStatusCode.NotFound => Outcome.NotFound,
            _ => Outcome.Other,
        };
    }

    private async Task<Outcome> ProbeMediatorAsync(string action, string modelId, string targetId, Actor actor)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var ct = TestContext.Current.CancellationToken;
        var failure = action switch
        {
            "view" => (await mediator.Send(new GetModel(actor, modelId), ct)).Failure,
            "list-members" => (await mediator.Send(new ListMembers(actor, modelId), ct)).Failure,
            "rename" => (await mediator.Send(new RenameModel(actor, modelId, "Renamed"), ct)).Failure,
            "delete" => (await mediator.Send(new DeleteModel(actor, modelId), ct)).Failure,
            "share" => (await mediator.Send(new SetMemberRole(actor, modelId, targetId, ModelRole.Viewer), ct)).Failure,
            "view-audit" => (await mediator.Send(new ListPermissionAudit(actor, modelId), ct)).Failure,
            "export" => (await mediator.Send(new Workbooks.Application.Transfer.ExportModel(actor, modelId), ct)).Failure,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        return failure?.Kind switch
        {
            null => Outcome.Allowed,
            Kernel.Outcomes.FailureKind.Forbidden => Outcome.Forbidden,
            Kernel.Outcomes.FailureKind.NotFound => Outcome.NotFound,
            _ => Outcome.Other,
        };
    }

    /// <summary>The hub: JoinModel for view; JoinModel then SubmitOperation for edit (a refused join counts as its error).</summary>
    private async Task<Outcome> ProbeHubAsync(string action, string modelId, string actorEmail)
    {
        await using var hub = await HubClient.ConnectAsync(app, await app.GetTokenAsync(actorEmail));
        try
        {
            await hub.JoinAsync(modelId);
            if (action == "edit")
            {
                await hub.SubmitAsync(modelId, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "probe" });
            }

            return Outcome.Allowed;
        }
        catch (Microsoft.AspNetCore.SignalR.HubException error)
        {
            return error.Message.Contains("HubException: forbidden:", StringComparison.Ordinal) ? Outcome.Forbidden
                : error.Message.Contains("HubException: not_found:", StringComparison.Ordinal) ? Outcome.NotFound
                : Outcome.Other;
        }
    }

    /// <summary>The in-process path the browser's grid uses: a submission straight to the model's session.</summary>
    private async Task<Outcome> ProbeSessionAsync(string modelId, Actor actor)
    {
        var sessions = app.Services.GetRequiredService<Editing.Application.Sessions.ModelSessionManager>();
        var session = await sessions.GetAsync(modelId, TestContext.Current.CancellationToken);
        var outcome = await session!.SubmitAsync(actor, null, Guid.NewGuid().ToString("N"), 0, new Editing.Core.SetCellOperation("Sheet1", "A1", "probe"));
        return outcome.ErrorCode switch
        {
            null => Outcome.Allowed,
            "forbidden" => Outcome.Forbidden,
            "not_found" => Outcome.NotFound,
            _ => Outcome.Other,
        };
    }

    internal static async Task<string> UserIdAsync(HttpClient client, string email)
    {
        var found = await client.GetFromJsonAsync<JsonElement[]>($"/api/users?search={Uri.EscapeDataString(email)}", TestContext.Current.CancellationToken);
        return found!.Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString()!;
    }
}
