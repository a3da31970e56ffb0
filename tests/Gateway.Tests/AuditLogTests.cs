using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

/// <summary>
/// Every state-changing request is recorded by the service that handled it (who, what, when, from where, how it
/// ended), refusals included, and only city admins read the log.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditLogTests(PlatformFixture fixture)
{
    private static async Task<JsonElement> EntriesForAsync(HttpClient admin, string service, string subject)
    {
        using var response = await admin.GetAsync($"/api/{service}/v1/audit?subject={subject}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("entries").Clone();
    }

    [Fact]
    public async Task A_change_and_a_refused_change_are_recorded_with_who_what_when_and_where_and_reads_are_not()
    {
        var subject = $"citizen-audit-{Guid.NewGuid():N}";
        using var citizen = fixture.CreateClient(PlatformRoles.Citizen, subject: subject);
        using var admin = fixture.CreateClient(PlatformRoles.CityAdmin);
        var before = fixture.Now;

        using var submitted = await citizen.PostAsJsonAsync("/api/approvals/v1/applications", new
        {
            matterCode = "MS-002", applicantName = "Zhou Min", channel = "CHANNEL_ONLINE", materials = new[] { "application form", "identity card" },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var id = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("id").GetString();
        using var read = await citizen.GetAsync($"/api/approvals/v1/applications/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var refused = await citizen.PostAsJsonAsync($"/api/approvals/v1/applications/{id}:accept", new { }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var entries = (await EntriesForAsync(admin, "approvals", subject)).EnumerateArray().ToList();

        Assert.Equal(2, entries.Count); // the read is not there
        var (accept, submit) = (entries[0], entries[1]); // newest first
        Assert.EndsWith("/SubmitApplication", submit.GetProperty("method").GetString());
        Assert.Equal("OK", submit.GetProperty("outcome").GetString());
        Assert.Equal(id, submit.GetProperty("resourceId").GetString());
        Assert.Equal("citizen", submit.GetProperty("role").GetString());
        Assert.False(string.IsNullOrEmpty(submit.GetProperty("clientAddress").GetString()));
        Assert.False(string.IsNullOrEmpty(submit.GetProperty("correlationId").GetString()));
        Assert.InRange(submit.GetProperty("at").GetDateTimeOffset(), before.AddSeconds(-1), fixture.Now.AddSeconds(1));
        Assert.EndsWith("/AcceptApplication", accept.GetProperty("method").GetString());
        Assert.Equal("PermissionDenied", accept.GetProperty("outcome").GetString());
        Assert.Equal(id, accept.GetProperty("resourceId").GetString());

        // each service keeps its own log: governance saw nothing from this citizen
        Assert.Empty((await EntriesForAsync(admin, "governance", subject)).EnumerateArray());
    }

    [Theory]
    [InlineData(PlatformRoles.Citizen)]
    [InlineData(PlatformRoles.Clerk)]
    [InlineData(PlatformRoles.DistrictAdmin)]
    public async Task Only_city_admins_read_the_audit_log(string role)
    {
        using var client = fixture.CreateClient(role, role == PlatformRoles.DistrictAdmin ? "district-01" : null);

        using var response = await client.GetAsync("/api/approvals/v1/audit", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_a_bad_page_token_400_naming_it()
    {
        using var anonymous = fixture.CreateClient();
        using var unauthenticated = await anonymous.GetAsync("/api/talent/v1/audit", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

        using var admin = fixture.CreateClient(PlatformRoles.CityAdmin);
        using var bad = await admin.GetAsync("/api/livelihood/v1/audit?pageToken=not-ours", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("pageToken", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
