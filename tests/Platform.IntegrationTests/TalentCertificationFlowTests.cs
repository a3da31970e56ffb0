using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Platform.Messaging;
using Longgang.Platform.Testing;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Data;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Platform.Testing.Eventually;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// DOMAIN.md flow 3 on PostgreSQL and RabbitMQ, through the gateway: a tier-A certification asks approvals for an
/// application (ApplicationRequested), approvals' talent office accepts and approves it, and talent certifies on the
/// decision (ApplicationDecided). The very decision message approvals sent is then delivered again: talent certifies once.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TalentCertificationFlowTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_tier_A_certification_decided_in_approvals_over_RabbitMQ_is_certified_once_when_the_decision_is_delivered_twice()
    {
        platform.RequireDocker();
        var citizenId = $"citizen-{Guid.NewGuid():N}";
        var citizen = platform.IssueToken(PlatformRoles.Citizen, citizenId);
        var talentClerk = platform.IssueToken(PlatformRoles.Clerk, "clerk-talent-office", department: "dept-human-resources");

        var applied = await platform.SendAsync(HttpMethod.Post, "/api/talent/v1/certifications", citizen, new
        {
            tierCode = "A",
            applicantName = "Zhang Min",
            employer = "Longgang New Materials Ltd",
            sector = "new materials",
            districtCode = "district-01",
            // the certification matter's required materials, so approvals can accept the application
            evidence = new[] { "application form", "identity card", "academic degree certificate", "proof of award or programme selection", "labour contract" },
            channel = "TALENT_CHANNEL_EXTERNAL_RECRUITMENT",
        });
        Assert.Equal("CERTIFICATION_STATUS_IN_APPROVALS", applied.GetProperty("status").GetString());
        var certificationId = Guid.Parse(applied.GetProperty("id").GetString()!);
        var certificationPath = $"/api/talent/v1/certifications/{certificationId}";
        var applicationId = Guid.Parse(applied.GetProperty("applicationId").GetString()!);
        var applicationPath = $"/api/approvals/v1/applications/{applicationId}";

        // approvals opens the application under the id talent chose, for the certification matter, with the evidence
        await WaitUntilAsync(async () => (await platform.TrySendAsync(HttpMethod.Get, applicationPath, talentClerk)).Status == HttpStatusCode.OK,
            "approvals to open the requested application");
        var application = await platform.SendAsync(HttpMethod.Get, applicationPath, citizen);
        Assert.Equal(("HR-002", citizenId), (application.GetProperty("matterCode").GetString(), application.GetProperty("applicantId").GetString()));

        // the talent office sees the originals at the counter: named materials are only declared
        foreach (var material in application.GetProperty("missingMaterials").EnumerateArray())
            await platform.SendAsync(HttpMethod.Post, $"{applicationPath}:confirmOriginal", talentClerk, new { material = material.GetString() });
        await platform.SendAsync(HttpMethod.Post, $"{applicationPath}:accept", talentClerk, new { });
        await platform.SendAsync(HttpMethod.Post, $"{applicationPath}:decide", talentClerk, new { decision = "DECISION_APPROVE" });
        await WaitUntilAsync(async () =>
            (await platform.SendAsync(HttpMethod.Get, certificationPath, citizen)).GetProperty("status").GetString() == "CERTIFICATION_STATUS_CERTIFIED",
            "talent to hear approvals' decision");

        // the very message approvals' outbox sent, delivered a second time (a broker redelivery, a relay re-publish)
        var sent = await InDatabaseAsync<ApprovalsDbContext, OutboxMessage>(platform.Approvals, async db =>
            (await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt != null && m.Type.StartsWith(typeof(ApplicationDecided).FullName + ","))
                .ToListAsync()).Single(m => ((ApplicationDecided)m.Deserialize(typeof(ApplicationDecided))).ApplicationId == applicationId));
        var deliveries = new ConsumeTally([sent.MessageId]);
        using (platform.Talent.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries))
        {
            await platform.Approvals.Services.GetRequiredService<IBus>()
                .Publish((ApplicationDecided)sent.Deserialize(typeof(ApplicationDecided)), context => context.MessageId = sent.MessageId);
            await deliveries.WaitForAsync(1, EventDeadline);
        }
        Assert.Empty(deliveries.Faults);

        var certified = await platform.SendAsync(HttpMethod.Get, certificationPath, citizen);
        Assert.Equal("CERTIFICATION_STATUS_CERTIFIED", certified.GetProperty("status").GetString());
        Assert.StartsWith("LGT-A-", certified.GetProperty("certificateNumber").GetString());
        var (certifiedEvents, inboxEntries) = await InDatabaseAsync<TalentDbContext, (int, int)>(platform.Talent, async db =>
        {
            var events = (await db.OutboxMessages.AsNoTracking().Where(m => m.Type.StartsWith(typeof(TalentCertified).FullName + ",")).ToListAsync())
                .Count(m => ((TalentCertified)m.Deserialize(typeof(TalentCertified))).CertificationId == certificationId);
            return (events, await db.InboxMessages.CountAsync(m => m.MessageId == sent.MessageId));
        });
        Assert.Equal((1, 1), (certifiedEvents, inboxEntries));
    }

    private static async Task<T> InDatabaseAsync<TContext, T>(WebApplication service, Func<TContext, Task<T>> query) where TContext : DbContext
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }

}
