using System.Net;
using System.Text.Json;
using Longgang.Platform;
using Longgang.Platform.Host;

namespace Longgang.Gateway.Tests;

/// <summary>The embedded host as "dotnet run" starts it: the demo on, on a fresh data folder, at the development clock.</summary>
public sealed class DemoPlatformFixture : PlatformFixture
{
    public const string Clock = "2027-03-01T09:00+08:00";

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>(base.Overrides)
    {
        ["Demo:Enabled"] = "true",
        [EmbeddedPlatform.ClockKey] = Clock,
    };
}

public sealed class DemoTests(DemoPlatformFixture fixture) : IClassFixture<DemoPlatformFixture>
{
    [Fact]
    public void The_development_clock_sets_the_platforms_now()
    {
        var expected = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
        // the clock starts at that instant when the process started and runs on from there
        Assert.InRange(fixture.Now, expected, expected.AddHours(2));
    }

    /// <summary>Each service's work lists, as a city admin sees them: the demo gives every screen something to show.</summary>
    [Theory]
    [InlineData("/api/approvals/v1/matters")]
    [InlineData("/api/approvals/v1/applications")]
    [InlineData("/api/governance/v1/cases")]
    [InlineData("/api/governance/v1/districts")]
    [InlineData("/api/talent/v1/certifications")]
    [InlineData("/api/talent/v1/public/programmes")]
    [InlineData("/api/talent/v1/public/positions")]
    [InlineData("/api/livelihood/v1/cycles")]
    [InlineData("/api/livelihood/v1/projects")]
    public async Task Each_demo_list_has_rows(string list)
    {
        using var admin = fixture.CreateClient(PlatformRoles.CityAdmin);
        using var response = await admin.GetAsync(list, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // a list's rows are its response's first array
        var rows = body.RootElement.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.Array);
        Assert.True(rows.Value.ValueKind == JsonValueKind.Array && rows.Value.GetArrayLength() > 0, $"{list} answered no rows: {body.RootElement}");
    }

    /// <summary>
    /// The demo's events reach the dashboards' read model through the outbox and the in-memory bus like any other, so the
    /// district admin's first look shows figures (waited for: the relay publishes a moment after start-up).
    /// </summary>
    [Fact]
    public async Task The_demo_district_dashboard_shows_the_demo_cases()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = fixture.CreateClient(PlatformRoles.DistrictAdmin, "district-05");
        var reported = 0.0;
        for (var attempt = 0; attempt < 60 && reported == 0; attempt++)
        {
            if (attempt > 0) await Task.Delay(500, ct);
            using var response = await admin.GetAsync("/api/governance/v1/districts/district-05/dashboard?period=2027-Q1", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            reported = body.RootElement.GetProperty("cases").GetProperty("figures").EnumerateArray()
                .Where(f => f.GetProperty("name").GetString() == "cases.reported" && f.GetProperty("dimension").GetString() == "")
                .Select(f => f.GetProperty("value").GetDouble()).Single();
        }
        Assert.True(reported > 0, "the demo's cases never reached the district dashboard");
    }
}
