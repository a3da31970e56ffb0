using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

/// <summary>The embedded platform on Saturday 5 December 2026, China time, with the calendar as shipped (2027 provisional).</summary>
public sealed class SaturdayBeforeTheNewYearFixture : PlatformFixture
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Clock:Start"] = "2026-12-05T10:00:00+08:00",
    };
}

/// <summary>
/// Issue 14's outcome, through the gateway as a service hall and a city administrator would use it: an HC-001 accepted
/// on 5 December 2026 gets a provisional due date in 2027; once 2027 is published with one make-up working day more
/// than the provisional year, the due date moves a working day earlier, the ledger says why, and the applicant is told.
/// </summary>
public sealed class CalendarYearPublicationTests(SaturdayBeforeTheNewYearFixture fixture) : IClassFixture<SaturdayBeforeTheNewYearFixture>
{
    [Fact]
    public async Task Publishing_2027_moves_an_accepted_applications_provisional_due_date_with_a_ledger_line_and_a_notification()
    {
        using var citizen = Client(PlatformRoles.Citizen, subject: "citizen-2027");
        using var clerk = Client(PlatformRoles.Clerk, department: "dept-housing-construction", subject: "clerk-hc-lead");
        using var cityAdmin = Client(PlatformRoles.CityAdmin, subject: "city-admin-calendar");
        using var anonymous = Client(null);

        var id = (await OkJsonAsync(await citizen.PostAsJsonAsync("/api/approvals/v1/applications", new
        {
            matterCode = "HC-001", channel = "CHANNEL_SERVICE_HALL", districtCode = "district-03", applicantName = "张伟",
            materials = new[] { "application form", "land use certificate", "planning permit", "construction drawings review", "contractor contract" },
        }))).GetProperty("id").GetString()!;
        var accepted = await OkJsonAsync(await clerk.PostAsJsonAsync($"/api/approvals/v1/applications/{id}:accept", new { }));
        var provisionalDue = DateOnly.Parse(accepted.GetProperty("statutoryDueOn").GetString()!);
        Assert.Equal(2027, provisionalDue.Year);
        Assert.Equal("CALENDAR_BASIS_PROVISIONAL", accepted.GetProperty("calendarBasis").GetString());

        // the city copies the provisional year's holidays from the public route and adds the notice's make-up Saturday
        var provisional = await OkJsonAsync(await anonymous.GetAsync("/api/governance/v1/public/calendar-years/2027"));
        Assert.Equal("CALENDAR_BASIS_PROVISIONAL", provisional.GetProperty("basis").GetString());
        var holidays = provisional.GetProperty("holidays").EnumerateArray().Select(h => new
        {
            name = h.GetProperty("name").GetString(), first = h.GetProperty("first").GetString(), last = h.GetProperty("last").GetString(),
        }).ToList();
        var makeUpSaturday = new DateOnly(2027, 1, 9);
        Assert.True(makeUpSaturday < provisionalDue);
        var published = await OkJsonAsync(await cityAdmin.PutAsJsonAsync("/api/governance/v1/calendar-years/2027", new
        {
            source = "国务院办公厅关于2027年部分节假日安排的通知（测试）",
            holidays,
            makeUpWorkdays = new[] { new { date = "2027-01-09", @for = "元旦" } },
        }));
        Assert.Equal("CALENDAR_BASIS_OFFICIAL", published.GetProperty("basis").GetString());

        // every service takes the year from the event; approvals' copy moves the clock and writes its ledger line
        var moved = await EventuallyAsync(async () =>
        {
            var application = await OkJsonAsync(await citizen.GetAsync($"/api/approvals/v1/applications/{id}"));
            return application.GetProperty("statutoryDueOn").GetString() != provisionalDue.ToString("yyyy-MM-dd") ? application : null;
        });
        Assert.Equal(provisionalDue.AddDays(-1).ToString("yyyy-MM-dd"), moved.GetProperty("statutoryDueOn").GetString());
        Assert.Equal("CALENDAR_BASIS_OFFICIAL", moved.GetProperty("calendarBasis").GetString());

        var ledger = await OkJsonAsync(await citizen.GetAsync($"/api/approvals/v1/applications/{id}/ledger"));
        var line = Assert.Single(ledger.GetProperty("entries").EnumerateArray(), e => e.GetProperty("action").GetString() == "LEDGER_ACTION_REPROJECTED");
        var reason = line.GetProperty("reason").GetString()!;
        Assert.Contains($"{provisionalDue:yyyy-MM-dd} → {provisionalDue.AddDays(-1):yyyy-MM-dd}", reason);
        Assert.Contains("2027年节假日安排公布", reason);
        Assert.Equal("CALENDAR_BASIS_OFFICIAL", line.GetProperty("calendarBasis").GetString());

        var notification = await EventuallyAsync(async () =>
        {
            var list = await OkJsonAsync(await citizen.GetAsync("/api/approvals/v1/notifications"));
            return list.TryGetProperty("notifications", out var items)
                ? items.EnumerateArray().Where(n => n.GetProperty("reference").GetString() == id && n.GetProperty("kind").GetString() == "DUE_DATES_REPROJECTED")
                    .Select(n => (JsonElement?)n).SingleOrDefault()
                : null;
        });
        Assert.Contains(provisionalDue.AddDays(-1).ToString("yyyy-MM-dd"), notification.GetProperty("body").GetString());

        var official = await OkJsonAsync(await anonymous.GetAsync("/api/governance/v1/public/calendar-years/2027"));
        Assert.Equal("CALENDAR_BASIS_OFFICIAL", official.GetProperty("basis").GetString());
        Assert.Contains(official.GetProperty("makeUpWorkdays").EnumerateArray(), m => m.GetProperty("date").GetString() == "2027-01-09");
    }

    private HttpClient Client(string? role, string? department = null, string? subject = null)
    {
        var client = new HttpClient { BaseAddress = fixture.Platform.GatewayHttpAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Bearer", fixture.Platform.IssueToken(role, department: department, subject: subject));
        }

        return client;
    }

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    /// <summary>Asks until the answer is there: the publication reaches each service through the bus, a moment later.</summary>
    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> ask)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await ask() is { } answer) return answer;
            Assert.True(DateTime.UtcNow < deadline, "not there within 60 s");
            await Task.Delay(200);
        }
    }
}
