using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Platform.Testing;

namespace Longgang.Platform.ContainerTests;

/// <summary>
/// A citizen's application at a district service hall, through the gateway container to the service containers,
/// on PostgreSQL, RabbitMQ and Redis containers: the images ops deploy, configured as the chart configures them.
/// </summary>
[Collection(ContainerPlatformCollection.Name)]
public sealed class ContainerisedScenarioTests(ContainerPlatformFixture platform)
{
    private const string District = "district-04";
    private const string Department = "dept-market-supervision";
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_hall_application_is_accepted_and_decided_counted_by_governance_and_the_citizen_notified()
    {
        platform.RequireRunningPlatform();
        foreach (var line in platform.Timings)
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.TestOutputHelper?.WriteLine(ContainerPlatformFixture.Versions);
        var (citizenId, citizen) = NewCitizen();
        var before = await TallyAsync() ?? throw new InvalidOperationException("governance did not answer");

        var id = await SubmitAsync(citizen);
        await WaitUntilAsync(async () => (await TallyAsync())?.Submissions == before.Submissions + 1, "governance to count the hall's submission");

        var accepted = await SendAsync(HttpMethod.Post, $"/api/approvals/v1/applications/{id}:accept", Clerk(), new { });
        Assert.Equal("APPLICATION_STATUS_IN_REVIEW", accepted.GetProperty("status").GetString());
        var decided = await SendAsync(HttpMethod.Post, $"/api/approvals/v1/applications/{id}:decide", Clerk(), new { decision = "DECISION_APPROVE" });
        Assert.Equal("APPLICATION_STATUS_APPROVED", decided.GetProperty("status").GetString());

        await WaitUntilAsync(async () => await TallyAsync() == (before.Submissions + 1, before.Decided + 1),
            "governance to count the hall's decision");
        await WaitUntilAsync(async () => (await NotificationKindsAsync(citizenId, citizen, id)).Contains("APPLICATION_DECIDED"),
            "the citizen's decision notification");
    }

    [Fact]
    public async Task Governance_stopped_mid_scenario_catches_up_after_its_restart_and_nothing_is_lost()
    {
        platform.RequireRunningPlatform();
        var governance = platform.Service("governance");
        var (citizenId, citizen) = NewCitizen();
        var before = await TallyAsync() ?? throw new InvalidOperationException("governance did not answer");
        var first = await SubmitAsync(citizen);
        await WaitUntilAsync(async () => (await TallyAsync())?.Submissions == before.Submissions + 1, "governance to count the first submission");

        await governance.StopAsync();
        try
        {
            // governance is really gone: the gateway cannot reach it
            var down = await SendRawAsync(HttpMethod.Get, $"/api/governance/v1/districts/{District}", Admin());
            Assert.True(down.StatusCode >= HttpStatusCode.InternalServerError, $"governance answered {(int)down.StatusCode} while stopped");

            // approvals carries on: the first application is decided, a second one goes through from start to end;
            // the events they raise wait in RabbitMQ for governance's queue
            await DecideAsync(first);
            var second = await SubmitAsync(citizen);
            await DecideAsync(second);
            foreach (var id in new[] { first, second })
            {
                await WaitUntilAsync(async () => (await NotificationKindsAsync(citizenId, citizen, id)).Contains("APPLICATION_DECIDED"),
                    "the decision notification while governance is down");
            }
        }
        finally
        {
            // in the container's network it keeps its alias, so the gateway finds it again; its host port is new
            await governance.StartAsync();
        }

        await WaitUntilAsync(async () => await TallyAsync() == (before.Submissions + 2, before.Decided + 2),
            "governance to catch up on what happened while it was stopped");
        using var ready = await platform.Gateway.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private (string Id, string Token) NewCitizen()
    {
        var id = $"citizen-{Guid.NewGuid():N}";
        return (id, platform.IssueToken(PlatformRoles.Citizen, id));
    }

    private string Clerk() => platform.IssueToken(PlatformRoles.Clerk, "clerk-ms-1", department: Department);

    private string Admin() => platform.IssueToken(PlatformRoles.DistrictAdmin, "district-admin-04", district: District);

    /// <summary>MS-001 at the district's service hall with every material: promised in 5 working days, statutory 20.</summary>
    private async Task<string> SubmitAsync(string citizen)
    {
        var submitted = await SendAsync(HttpMethod.Post, "/api/approvals/v1/applications", citizen, new
        {
            matterCode = "MS-001",
            applicantName = "Wang Fang",
            channel = "CHANNEL_SERVICE_HALL",
            districtCode = District,
            materials = new[] { "application form", "business licence", "premises floor plan", "food safety officer certificate" },
        });
        Assert.Equal("APPLICATION_STATUS_SUBMITTED", submitted.GetProperty("status").GetString());
        return submitted.GetProperty("id").GetString()!;
    }

    private async Task DecideAsync(string id)
    {
        await SendAsync(HttpMethod.Post, $"/api/approvals/v1/applications/{id}:accept", Clerk(), new { });
        var decided = await SendAsync(HttpMethod.Post, $"/api/approvals/v1/applications/{id}:decide", Clerk(), new { decision = "DECISION_APPROVE" });
        Assert.Equal("APPLICATION_STATUS_APPROVED", decided.GetProperty("status").GetString());
    }

    /// <summary>The district's service-hall tally, or null while governance cannot answer (stopped, or just restarted).</summary>
    private async Task<(long Submissions, long Decided)?> TallyAsync()
    {
        using var response = await SendRawAsync(HttpMethod.Get, $"/api/governance/v1/districts/{District}", Admin());
        if (response.StatusCode != HttpStatusCode.OK) return null;
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        // proto3 JSON writes int64 as a string and leaves zero out
        long Count(string field) => json.TryGetProperty(field, out var value) ? long.Parse(value.GetString()!) : 0;
        return (Count("serviceHallSubmissions"), Count("serviceHallDecided"));
    }

    private async Task<List<string?>> NotificationKindsAsync(string citizenId, string citizen, string applicationId)
    {
        var list = await SendAsync(HttpMethod.Get, $"/api/approvals/v1/notifications?citizenId={citizenId}", citizen);
        return list.TryGetProperty("notifications", out var notifications)
            ? notifications.EnumerateArray().Where(n => n.GetProperty("reference").GetString() == applicationId)
                .Select(n => n.GetProperty("kind").GetString()).ToList()
            : [];
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var response = await SendRawAsync(method, path, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await platform.Gateway.SendAsync(request);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => Eventually.WaitUntilAsync(condition, what, EventDeadline);
}
