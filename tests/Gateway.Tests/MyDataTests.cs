using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Longgang.Platform;
using Longgang.Platform.Localization;
using Longgang.Platform.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Gateway.Tests;

/// <summary>
/// Issue 24, "my data": through the gateway, a citizen gets what all four services hold about them and nothing of
/// anyone else's; a clerk's read of their application is in the read log they can list, and nobody else's reads are;
/// a service that does not answer is listed as missing; the archive holds one file per service and a README.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MyDataTests(PlatformFixture fixture)
{
    private const string Matter = "MS-002";
    private const string Department = "dept-market-supervision";

    /// <summary>A citizen with a record in every service: an application, a reported case, a certification, a proposal.</summary>
    private sealed record Citizen(string Subject, HttpClient Client, string Application, string Case, string Certification, string Proposal);

    private async Task<Citizen> CitizenWithDataAsync(string name)
    {
        var subject = $"citizen-{name}-{Guid.NewGuid():N}"[..40];
        var client = fixture.CreateClient(PlatformRoles.Citizen, subject: subject);
        var application = await PostAsync(client, "/api/approvals/v1/applications", new
        {
            matterCode = Matter, applicantName = $"{name} applicant", channel = "CHANNEL_ONLINE", materials = new[] { "application form", "identity card" },
        });
        var reported = await PostAsync(client, "/api/governance/v1/cases", new
        {
            gridCode = "grid-01-01-1", source = "CASE_SOURCE_CITIZEN", category = "noise", description = $"{name}: loud music at night",
        });
        var certification = await PostAsync(client, "/api/talent/v1/certifications", new
        {
            tierCode = "C", applicantName = $"{name} talent", employer = "Longgang Tech", sector = "manufacturing", districtCode = "district-01",
            evidence = new[] { "doc-1" }, channel = "TALENT_CHANNEL_INTERNAL_CULTIVATION",
        });
        var proposal = await PostAsync(client, "/api/livelihood/v1/projects", new
        {
            year = TestClock.Today.Year + 1, title = $"{name} street lights", category = "PROJECT_CATEGORY_URBAN_CONSTRUCTION",
            districtCodes = new[] { "district-01" }, estimatedCostYuan = "800000", rationale = "Dark lanes.",
        });
        return new Citizen(subject, client, application, reported, certification, proposal);
    }

    [Fact]
    public async Task A_citizen_gets_their_records_from_all_four_services_and_none_of_another_citizens()
    {
        var me = await CitizenWithDataAsync("mine");
        var other = await CitizenWithDataAsync("other");

        var (status, body) = await GetAsync(me.Client, "/api/v1/me/data");

        Assert.Equal(HttpStatusCode.OK, status);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal(me.Subject, root.GetProperty("citizenId").GetString());
        Assert.Empty(root.GetProperty("missing").EnumerateArray());
        Assert.Contains(me.Application, Ids(root.GetProperty("approvals").GetProperty("applications"), "application"));
        Assert.Contains(me.Case, Ids(root.GetProperty("governance").GetProperty("cases")));
        Assert.Contains(me.Certification, Ids(root.GetProperty("talent").GetProperty("certifications")));
        Assert.Contains(me.Proposal, Ids(root.GetProperty("livelihood").GetProperty("proposals")));
        // each application comes with its clock ledger
        Assert.NotEmpty(root.GetProperty("approvals").GetProperty("applications")[0].GetProperty("ledger").EnumerateArray());
        foreach (var foreign in new[] { other.Subject, other.Application, other.Case, other.Certification, other.Proposal })
            Assert.DoesNotContain(foreign, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_read_log_shows_a_clerks_read_and_a_citizen_never_sees_another_citizens_reads()
    {
        var me = await CitizenWithDataAsync("read");
        var other = await CitizenWithDataAsync("unread");
        var clerkSubject = $"clerk-reader-{Guid.NewGuid():N}"[..30];
        using var clerk = fixture.CreateClient();
        clerk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            fixture.Platform.IssueToken(PlatformRoles.Clerk, department: Department, subject: clerkSubject));

        // the clerk of the handling department opens the application (with its resident ID); the citizen reading their own is not a read to log
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(clerk, $"/api/approvals/v1/applications/{me.Application}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(me.Client, $"/api/approvals/v1/applications/{me.Application}")).Status);

        var (status, body) = await GetAsync(me.Client, "/api/approvals/v1/my-data-reads");
        Assert.Equal(HttpStatusCode.OK, status);
        var reads = JsonDocument.Parse(body).RootElement.GetProperty("reads").EnumerateArray().ToList();
        var read = Assert.Single(reads);
        Assert.Equal(clerkSubject, read.GetProperty("reader").GetString());
        Assert.Equal(PlatformRoles.Clerk, read.GetProperty("readerRole").GetString());
        Assert.Equal("application", read.GetProperty("recordType").GetString());
        Assert.Equal(me.Application, read.GetProperty("recordId").GetString());
        Assert.Equal(me.Subject, read.GetProperty("citizenId").GetString());
        Assert.Equal($"GET /api/approvals/v1/applications/{me.Application}", read.GetProperty("route").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", read.GetProperty("readOn").GetString());

        // the same read is in the citizen's copy of their data
        var (_, myData) = await GetAsync(me.Client, "/api/v1/me/data");
        Assert.Contains(clerkSubject, myData, StringComparison.Ordinal);

        // another citizen sees none of it, and may not ask for it
        var (_, theirs) = await GetAsync(other.Client, "/api/approvals/v1/my-data-reads");
        Assert.DoesNotContain(me.Application, theirs, StringComparison.Ordinal);
        Assert.DoesNotContain(clerkSubject, theirs, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(other.Client, $"/api/approvals/v1/my-data-reads?citizenId={me.Subject}")).Status);
        // nor may the clerk who read it look at the log; a city admin may
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(clerk, $"/api/approvals/v1/my-data-reads?citizenId={me.Subject}")).Status);
        using var admin = fixture.CreateClient(PlatformRoles.CityAdmin, subject: "city-admin-reads");
        var (adminStatus, adminBody) = await GetAsync(admin, $"/api/approvals/v1/my-data-reads?citizenId={me.Subject}");
        Assert.Equal(HttpStatusCode.OK, adminStatus);
        Assert.Contains(clerkSubject, adminBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_listed_as_missing_and_the_others_still_answer()
    {
        var me = await CitizenWithDataAsync("down");
        var gateway = fixture.Platform.GatewayServices;
        // talent's address points at a port nobody listens on; the other three are the platform's own
        var services = gateway.GetRequiredService<IReadOnlyList<DownstreamService>>()
            .Select(s => s.Name == "talent" ? s with { HttpAddress = new Uri("http://127.0.0.1:1/") } : s)
            .ToList();
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PlatformClaims.Subject, me.Subject), new Claim(PlatformClaims.Role, PlatformRoles.Citizen)], "test")),
        };
        http.Request.Headers.Authorization = me.Client.DefaultRequestHeaders.Authorization!.ToString();

        var answer = await MyDataComposition.ComposeAsync(http, services,
            gateway.GetRequiredService<IHttpClientFactory>().CreateClient(MyDataComposition.HttpClientName), gateway.GetRequiredService<PlatformText>());

        var missing = Assert.Single(answer["missing"]!.AsArray());
        Assert.Equal("talent", missing!["service"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(missing["reason"]!.GetValue<string>()));
        Assert.Null(answer["talent"]);
        Assert.Contains(me.Application, answer["approvals"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(me.Case, answer["governance"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(me.Proposal, answer["livelihood"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_archive_is_a_zip_with_one_file_per_service_and_a_readme_in_chinese()
    {
        var me = await CitizenWithDataAsync("zip");

        using var response = await me.Client.GetAsync("/api/v1/me/data:download", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        string[] files = ["README.txt", "approvals.json", "governance.json", "livelihood.json", "talent.json"];
        Assert.Equal(files, zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using (var reader = new StreamReader(zip.GetEntry("talent.json")!.Open()))
        {
            var talent = JsonDocument.Parse(await reader.ReadToEndAsync(TestContext.Current.CancellationToken)).RootElement;
            Assert.Contains(me.Certification, Ids(talent.GetProperty("certifications")));
        }
        using var readme = new StreamReader(zip.GetEntry("README.txt")!.Open());
        Assert.Contains("个人信息保护法", await readme.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlatformRoles.Clerk)]
    [InlineData(PlatformRoles.CityAdmin)]
    public async Task Only_citizens_have_data_of_their_own(string role)
    {
        using var client = fixture.CreateClient(role, subject: $"{role}-my-data");

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, "/api/v1/me/data")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, "/api/talent/v1/my-data")).Status);
    }

    private static IEnumerable<string> Ids(JsonElement list, string? inner = null) =>
        list.EnumerateArray().Select(item => (inner is null ? item : item.GetProperty(inner)).GetProperty("id").GetString()!);

    private static async Task<string> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
