using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

/// <summary>
/// What front-end teams rely on, through the gateway to the embedded services: the cross-service flow,
/// bad input named by field, 404 for unknown ids, and 403 for what belongs to someone else.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformApiTests(PlatformFixture fixture)
{
    private static object HallApplication(string district, string matter = "MS-002") => new
    {
        matterCode = matter, applicantName = "Zhou Min", channel = "CHANNEL_SERVICE_HALL", districtCode = district,
        materials = new[] { "application form", "identity card" },
    };

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    private static async Task<long> TallyAsync(HttpClient admin, string district)
    {
        using var response = await admin.GetAsync($"/api/governance/v1/districts/{district}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await JsonAsync(response);
        // proto3 JSON: int64 is a string, and zero is left out
        return json.RootElement.TryGetProperty("serviceHallSubmissions", out var tally) ? long.Parse(tally.GetString()!) : 0;
    }

    private static async Task AssertProblemNamesFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = await JsonAsync(response);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task An_application_at_a_district_service_hall_is_counted_on_that_districts_tally()
    {
        using var citizen = fixture.CreateClient(PlatformRoles.Citizen, subject: "citizen-tally");
        using var admin = fixture.CreateClient(PlatformRoles.CityAdmin);
        var before = await TallyAsync(admin, "district-06");
        var otherBefore = await TallyAsync(admin, "district-08");

        using var submitted = await citizen.PostAsJsonAsync("/api/approvals/v1/applications", HallApplication("district-06"));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        using var online = await citizen.PostAsJsonAsync("/api/approvals/v1/applications", new
        {
            matterCode = "MS-002", applicantName = "Zhou Min", channel = "CHANNEL_ONLINE", materials = new[] { "application form" },
        });
        Assert.Equal(HttpStatusCode.OK, online.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await TallyAsync(admin, "district-06") != before + 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the ApplicationSubmitted event did not reach governance within 30 s");
            await Task.Delay(100);
        }
        Assert.Equal(otherBefore, await TallyAsync(admin, "district-08"));
    }

    [Fact]
    public async Task The_applicant_reads_their_application_and_another_citizen_is_refused()
    {
        using var owner = fixture.CreateClient(PlatformRoles.Citizen, subject: "citizen-owner");
        using var stranger = fixture.CreateClient(PlatformRoles.Citizen, subject: "citizen-stranger");
        using var submitted = await owner.PostAsJsonAsync("/api/approvals/v1/applications", HallApplication("district-01"));
        using var created = await JsonAsync(submitted);
        var id = created.RootElement.GetProperty("id").GetString();

        using var own = await owner.GetAsync($"/api/approvals/v1/applications/{id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var foreign = await stranger.GetAsync($"/api/approvals/v1/applications/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_application_is_404_and_a_malformed_id_400()
    {
        using var citizen = fixture.CreateClient(PlatformRoles.Citizen);

        using var unknown = await citizen.GetAsync($"/api/approvals/v1/applications/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        await AssertProblemNamesFieldAsync(await citizen.GetAsync("/api/approvals/v1/applications/not-an-id"), "id");
    }

    [Theory]
    [InlineData("""{"matterCode":"MS-002","applicantName":"Zhou Min","channel":"CHANNEL_BY_PIGEON"}""", "channel")]
    [InlineData("""{"matterCode":42,"applicantName":"Zhou Min","channel":"CHANNEL_ONLINE"}""", "matterCode")]
    [InlineData("""{"matterCode":"MS-002","applicantName":"Zhou Min","channel":"CHANNEL_ONLINE","materials":"all of them"}""", "materials")]
    [InlineData("""{"matterCode":"NOPE-1","applicantName":"Zhou Min","channel":"CHANNEL_ONLINE"}""", "matterCode")]
    [InlineData("""{"matterCode":"MS-002","channel":"CHANNEL_ONLINE"}""", "applicantName")]
    [InlineData("""{"matterCode":"MS-002","applicantName":"Zhou Min","channel":"CHANNEL_SERVICE_HALL","districtCode":"district-10"}""", "districtCode")]
    [InlineData("""{"matterCode":""", "body")]
    public async Task Bad_input_is_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        using var citizen = fixture.CreateClient(PlatformRoles.Citizen, subject: $"citizen-bad-{field}");

        using var response = await citizen.PostAsync("/api/approvals/v1/applications", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemNamesFieldAsync(response, field);
        using var listed = await citizen.GetAsync("/api/approvals/v1/applications");
        using var list = await JsonAsync(listed);
        Assert.False(list.RootElement.TryGetProperty("applications", out var applications) && applications.GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_bad_query_parameter_is_400_naming_it()
    {
        using var citizen = fixture.CreateClient(PlatformRoles.Citizen);

        await AssertProblemNamesFieldAsync(await citizen.GetAsync("/api/approvals/v1/applications?pageSize=many"), "pageSize");
        await AssertProblemNamesFieldAsync(await citizen.GetAsync("/api/approvals/v1/applications?status=LOST"), "status");
    }

    [Fact]
    public async Task The_applicant_finds_the_receipt_among_their_notifications_and_nobody_else_may_list_them()
    {
        using var owner = fixture.CreateClient(PlatformRoles.Citizen, subject: "citizen-notified");
        using var stranger = fixture.CreateClient(PlatformRoles.Citizen, subject: "citizen-nosy");
        using var submitted = await owner.PostAsJsonAsync("/api/approvals/v1/applications", HallApplication("district-02"));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        using var created = await JsonAsync(submitted);
        var id = created.RootElement.GetProperty("id").GetString();

        // recorded by the consumer of ApplicationSubmitted; without Dapr the dispatcher marks the stored row delivered
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement receipt;
        while (true)
        {
            using var list = await owner.GetAsync("/api/approvals/v1/notifications");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            using var json = await JsonAsync(list);
            var delivered = json.RootElement.TryGetProperty("notifications", out var items)
                ? items.EnumerateArray().Where(n => n.GetProperty("reference").GetString() == id && n.TryGetProperty("deliveredAt", out _)).ToList()
                : [];
            if (delivered is [var only])
            {
                receipt = only.Clone();
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "no delivered receipt within 30 s");
            await Task.Delay(100);
        }
        Assert.Equal("citizen-notified", receipt.GetProperty("citizenId").GetString());
        Assert.Equal("APPLICATION_SUBMITTED", receipt.GetProperty("kind").GetString());

        using var foreign = await stranger.GetAsync("/api/approvals/v1/notifications?citizenId=citizen-notified");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        await AssertProblemNamesFieldAsync(await owner.GetAsync("/api/approvals/v1/notifications?pageToken=not-ours"), "pageToken");
    }

    [Fact]
    public async Task District_staff_are_refused_another_districts_data()
    {
        using var admin = fixture.CreateClient(PlatformRoles.DistrictAdmin, district: "district-04");
        using var gridWorker = fixture.CreateClient(PlatformRoles.GridWorker, district: "district-04");

        using var own = await admin.GetAsync("/api/governance/v1/districts/district-04");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var foreign = await admin.GetAsync("/api/governance/v1/districts/district-03");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);

        using var report = await gridWorker.PostAsJsonAsync("/api/governance/v1/cases", new
        {
            gridCode = "grid-03-07-2", source = "CASE_SOURCE_GRID_PATROL", category = "road damage", description = "A pothole by the school gate.",
        });
        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
        using var submit = await gridWorker.PostAsJsonAsync("/api/approvals/v1/applications", new
        {
            matterCode = "MS-002", applicantId = "citizen-9", applicantName = "Zhou Min", channel = "CHANNEL_GRID_WORKER", districtCode = "district-03",
        });
        Assert.Equal(HttpStatusCode.Forbidden, submit.StatusCode);
    }
}
