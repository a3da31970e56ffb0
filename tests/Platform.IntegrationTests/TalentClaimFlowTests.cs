using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Approvals.Data;
using Longgang.Talent.Contracts.Events.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Platform.Testing.Eventually;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// An entitlement claim through approvals over RabbitMQ, on PostgreSQL, through the gateway: talent asks approvals to
/// open the application (ApplicationRequested), approvals' talent office accepts and approves it, talent hears the
/// decision (ApplicationDecided) and the claim is paid.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TalentClaimFlowTests(PlatformFixture platform)
{

    [Fact]
    public async Task A_claim_is_approved_through_approvals_over_RabbitMQ_and_paid()
    {
        platform.RequireDocker();
        var citizenId = $"citizen-{Guid.NewGuid():N}";
        var citizen = platform.IssueToken(PlatformRoles.Citizen, citizenId);
        var talentClerk = platform.IssueToken(PlatformRoles.Clerk, "clerk-talent-office", department: "dept-human-resources");
        string code;
        Guid certificationId;
        await using (var db = TalentSeeding.NewContext(platform))
        {
            code = (await TalentSeeding.ProgrammeAsync(platform, db, budget: 1_000_000, amountForD: 100_000)).Code;
            certificationId = (await TalentSeeding.CertifiedCitizenAsync(platform, db, citizenId)).Id;
        }

        var claim = await platform.SendAsync(HttpMethod.Post, "/api/talent/v1/claims", citizen, new
        {
            programmeCode = code,
            certificationId,
            residesInCity = true,
            materials = new[] { "application form", "talent certificate", "labour contract", "housing purchase contract" },
        });
        Assert.Equal("CLAIM_STATUS_VALIDATED", claim.GetProperty("status").GetString());
        var claimPath = $"/api/talent/v1/claims/{claim.GetProperty("id").GetString()}";
        var applicationPath = $"/api/approvals/v1/applications/{claim.GetProperty("applicationId").GetString()}";

        // approvals opens the application under the id talent chose, as the citizen's own online submission
        await WaitUntilAsync(async () => (await platform.TrySendAsync(HttpMethod.Get, applicationPath, talentClerk)).Status == HttpStatusCode.OK,
            "approvals to open the requested application");
        var application = await platform.SendAsync(HttpMethod.Get, applicationPath, citizen);
        Assert.Equal(("HR-001", citizenId, "APPLICATION_STATUS_SUBMITTED"),
            (application.GetProperty("matterCode").GetString(), application.GetProperty("applicantId").GetString(), application.GetProperty("status").GetString()));

        // not paid before approvals decides
        await platform.SendAsync(HttpMethod.Post, $"{claimPath}:pay", talentClerk, new { paidOn = Today(), reference = "LG-BANK-1" }, HttpStatusCode.Conflict);

        // requested online, its materials are only named: the clerk sees the originals at the counter before accepting
        foreach (var material in application.GetProperty("missingMaterials").EnumerateArray())
            await platform.SendAsync(HttpMethod.Post, $"{applicationPath}:confirmOriginal", talentClerk, new { material = material.GetString() });
        await platform.SendAsync(HttpMethod.Post, $"{applicationPath}:accept", talentClerk, new { });
        var decided = await platform.SendAsync(HttpMethod.Post, $"{applicationPath}:decide", talentClerk, new { decision = "DECISION_APPROVE" });
        Assert.Equal("APPLICATION_STATUS_APPROVED", decided.GetProperty("status").GetString());

        await WaitUntilAsync(async () => (await platform.SendAsync(HttpMethod.Get, claimPath, citizen)).GetProperty("status").GetString() == "CLAIM_STATUS_APPROVED",
            "talent to hear approvals' decision");
        var paid = await platform.SendAsync(HttpMethod.Post, $"{claimPath}:pay", talentClerk, new { paidOn = Today(), reference = "LG-BANK-1" });
        Assert.Equal(("CLAIM_STATUS_PAID", "LG-BANK-1"), (paid.GetProperty("status").GetString(), paid.GetProperty("paymentReference").GetString()));

        var programme = await platform.SendAsync(HttpMethod.Get, $"/api/talent/v1/public/programmes/{code}", citizen);
        // proto3 JSON writes int64 as a string
        Assert.Equal(("100000", "100000", "900000"),
            (programme.GetProperty("committed").GetString(), programme.GetProperty("paid").GetString(), programme.GetProperty("remaining").GetString()));
        await platform.SendAsync(HttpMethod.Get, claimPath, platform.IssueToken(PlatformRoles.Citizen, "someone-else"), expected: HttpStatusCode.Forbidden);

        // the messages crossed the broker: talent's request and its approved and paid events left talent's outbox
        await WaitUntilAsync(async () =>
        {
            await using var db = TalentSeeding.NewContext(platform);
            var sent = await db.OutboxMessages.Where(m => m.SentAt != null && m.Payload.Contains(claim.GetProperty("id").GetString()!))
                .Select(m => m.Type).ToListAsync();
            return sent.Count(t => t.Contains(nameof(EntitlementApproved)) || t.Contains(nameof(EntitlementPaid))) == 2;
        }, "talent's entitlement events to be published");
        await using var scope = platform.Approvals.Services.CreateAsyncScope();
        var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        Assert.True(await approvals.InboxMessages.AnyAsync(m => m.Consumer == "ApplicationRequestHandler"));
    }

    /// <summary>Today for the talent service (its clock may be set: Clock:Start).</summary>
    private string Today() => Calendar.WorkingDayCalendar.ChinaDateOf(
        platform.Talent.Services.GetRequiredService<TimeProvider>().GetUtcNow()).ToString("yyyy-MM-dd");

}
