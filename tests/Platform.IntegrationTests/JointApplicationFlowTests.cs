using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Platform.Testing.Eventually;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// "At most one place": a joint application at a district service hall, reviewed by three departments in
/// parallel, through the gateway on PostgreSQL + RabbitMQ + Redis, to issuance; then its events and the report.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class JointApplicationFlowTests(PlatformFixture platform)
{
    private const string Lead = "dept-housing-construction";
    private static readonly string[] Reviewers = ["dept-natural-resources", "dept-emergency-management", Lead];

    private string Clerk(string department) => platform.IssueToken(PlatformRoles.Clerk, $"clerk-{department}", department: department);

    [Fact]
    public async Task A_joint_application_is_reviewed_by_every_department_in_parallel_and_issued_with_its_events_and_report()
    {
        platform.RequireDocker();
        var citizen = platform.IssueToken(PlatformRoles.Citizen, $"citizen-{Guid.NewGuid():N}");
        var admin = platform.IssueToken(PlatformRoles.CityAdmin, "city-admin-1");

        var submitted = await platform.SendAsync(HttpMethod.Post, "/api/approvals/v1/applications", citizen, new
        {
            matterCode = "HC-001", applicantName = "Longgang Build Co.", channel = "CHANNEL_SERVICE_HALL", districtCode = "district-06",
            materials = new[] { "application form", "land use certificate", "planning permit", "construction drawings review", "contractor contract" },
        });
        var id = submitted.GetProperty("id").GetString()!;
        var path = $"/api/approvals/v1/applications/{id}";
        var decidedBefore = await DistrictCountAsync(admin, "district-06", "serviceHallDecided");

        var accepted = await platform.SendAsync(HttpMethod.Post, $"{path}:accept", Clerk(Lead), new { });
        Assert.Equal("APPLICATION_STATUS_IN_REVIEW", accepted.GetProperty("status").GetString());
        Assert.Equal(Reviewers.Order(), accepted.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("departmentCode").GetString()).Order());

        // the lead department cannot decide for another, and nobody decides twice
        await platform.SendAsync(HttpMethod.Post, $"{path}:decide", Clerk(Lead), new { decision = "DECISION_APPROVE", departmentCode = Reviewers[0] }, HttpStatusCode.Forbidden);
        foreach (var department in Reviewers)
        {
            var afterStep = await platform.SendAsync(HttpMethod.Post, $"{path}:decide", Clerk(department), new { decision = "DECISION_APPROVE" });
            var expected = department == Reviewers[^1] ? "APPLICATION_STATUS_APPROVED" : "APPLICATION_STATUS_IN_REVIEW";
            Assert.Equal(expected, afterStep.GetProperty("status").GetString());
        }
        await platform.SendAsync(HttpMethod.Post, $"{path}:decide", Clerk(Reviewers[0]), new { decision = "DECISION_APPROVE" }, HttpStatusCode.Conflict);

        var issued = await platform.SendAsync(HttpMethod.Post, $"{path}:issue", Clerk(Lead), new { });
        Assert.Equal("APPLICATION_STATUS_ISSUED", issued.GetProperty("status").GetString());
        Assert.StartsWith("HC-001-", issued.GetProperty("certificateNumber").GetString());

        // the applicant reads the clock ledger; a stranger may not
        var ledger = await platform.SendAsync(HttpMethod.Get, $"{path}/ledger", citizen);
        Assert.Equal(
            ["LEDGER_ACTION_SUBMITTED", "LEDGER_ACTION_ACCEPTED", "LEDGER_ACTION_STEP_DECIDED", "LEDGER_ACTION_STEP_DECIDED",
             "LEDGER_ACTION_STEP_DECIDED", "LEDGER_ACTION_DECIDED", "LEDGER_ACTION_ISSUED"],
            ledger.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        await platform.SendAsync(HttpMethod.Get, $"{path}/ledger", platform.IssueToken(PlatformRoles.Citizen, "someone-else"), expected: HttpStatusCode.Forbidden);

        // every event left the outbox for RabbitMQ, and governance consumed the decision from there
        await WaitUntilAsync(async () => await UnsentEventsAsync(Guid.Parse(id)) == 0, "the application's events to be published");
        var published = await EventTypesAsync(Guid.Parse(id));
        foreach (var type in new[] { nameof(ApplicationSubmitted), nameof(ApplicationAccepted), nameof(ApplicationDecided), nameof(CertificateIssued) })
            Assert.Contains(type, published);
        await WaitUntilAsync(async () => await DistrictCountAsync(admin, "district-06", "serviceHallDecided") == decidedBefore + 1,
            "governance to count the hall's decision");

        // the department's report counts it: decided today, 0 working days against a statutory 45
        var today = WorkingDayCalendar.ChinaDateOf(platform.Approvals.Services.GetRequiredService<TimeProvider>().GetUtcNow()).ToString("yyyy-MM-dd");
        var supervisor = platform.IssueToken(PlatformRoles.Supervisor, "supervisor-hc", department: Lead);
        var report = await platform.SendAsync(HttpMethod.Get, $"/api/approvals/v1/reports/performance?fromDate={today}&toDate={today}&departmentCode={Lead}", supervisor);
        var overall = report.GetProperty("overall");
        Assert.Equal(1, overall.GetProperty("handled").GetInt32());
        Assert.Equal(1.0, overall.GetProperty("compressionRatio").GetDouble());
        Assert.Contains(report.GetProperty("serviceHalls").EnumerateArray(), h => h.GetProperty("districtCode").GetString() == "district-06");
        await platform.SendAsync(HttpMethod.Get, $"/api/approvals/v1/reports/performance?fromDate={today}&toDate={today}&departmentCode=dept-finance", supervisor,
            expected: HttpStatusCode.Forbidden);
    }

    private async Task<long> DistrictCountAsync(string token, string district, string field)
    {
        var json = await platform.SendAsync(HttpMethod.Get, $"/api/governance/v1/districts/{district}", token);
        // proto3 JSON writes int64 as a string and leaves zero out
        return json.TryGetProperty(field, out var value) ? long.Parse(value.GetString()!) : 0;
    }

    private async Task<int> UnsentEventsAsync(Guid applicationId)
    {
        await using var scope = platform.Approvals.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        return await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.Payload.Contains(applicationId.ToString()));
    }

    private async Task<List<string>> EventTypesAsync(Guid applicationId)
    {
        await using var scope = platform.Approvals.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        Assert.True(db.Database.IsNpgsql());
        var types = await db.OutboxMessages.Where(m => m.Payload.Contains(applicationId.ToString())).Select(m => m.Type).ToListAsync();
        return types.Select(t => t.Split(',')[0].Split('.')[^1]).ToList();
    }

}
