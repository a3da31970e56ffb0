using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// A licence granted for a matter under supervision opens exactly one follow-up case in governance, on PostgreSQL and
/// RabbitMQ, however often its decision is delivered.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GovernanceFollowUpTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(60);
    /// <summary>Governance's consumers of ApplicationDecided (the tally, the follow-up opener, the resumer, the dashboards, ...).</summary>
    private static readonly int GovernanceDecisionConsumers = Consumers.Of<ApplicationDecided>(typeof(GovernanceDbContext).Assembly);

    private static ApplicationDecided Decided(Guid applicationId, string district) =>
        new(applicationId, "MS-001", "dept-market-supervision", "citizen-follow-up", ApplicationSubmitted.ServiceHallChannel, district,
            ApplicationDecided.Approved, [], Testing.TestClock.Now, 2, 20, true, SupervisionRequired: true);

    private async Task<int> FollowUpsOfAsync(Guid applicationId)
    {
        await using var scope = platform.Governance.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        Assert.True(db.Database.IsNpgsql());
        return await db.Cases.CountAsync(c => c.FollowUpOfApplicationId == applicationId);
    }

    /// <summary>Publishes from approvals' bus and waits until every governance consumer has finished with each copy.</summary>
    private async Task PublishAsync(ApplicationDecided decided, params Guid[] messageIds)
    {
        var deliveries = new ConsumeTally(messageIds);
        using var _ = platform.Governance.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries);
        var publisher = platform.Approvals.Services.GetRequiredService<IBus>();
        foreach (var messageId in messageIds)
            await publisher.Publish(decided, context => context.MessageId = messageId);
        await deliveries.WaitForAsync(messageIds.Length * GovernanceDecisionConsumers, EventDeadline);
        Assert.Empty(deliveries.Faults);
    }

    [Fact]
    public async Task The_same_decision_message_delivered_twice_opens_one_follow_up_case()
    {
        platform.RequireDocker();
        var applicationId = Guid.NewGuid();
        var messageId = NewId.NextGuid();

        await PublishAsync(Decided(applicationId, "district-06"), messageId, messageId);

        Assert.Equal(1, await FollowUpsOfAsync(applicationId));
    }

    [Fact]
    public async Task The_same_decision_republished_under_two_message_ids_opens_one_follow_up_case()
    {
        platform.RequireDocker();
        var applicationId = Guid.NewGuid();

        await PublishAsync(Decided(applicationId, "district-06"), NewId.NextGuid(), NewId.NextGuid());

        Assert.Equal(1, await FollowUpsOfAsync(applicationId));
    }

    [Fact]
    public async Task A_food_business_licence_granted_at_a_service_hall_appears_as_a_market_supervision_case_of_the_district()
    {
        platform.RequireDocker();
        var citizen = platform.IssueToken(PlatformRoles.Citizen, $"citizen-{Guid.NewGuid():N}");
        var clerk = platform.IssueToken(PlatformRoles.Clerk, "clerk-ms-follow-up", department: "dept-market-supervision");
        var submitted = await platform.SendAsync(HttpMethod.Post, "/api/approvals/v1/applications", citizen, new
        {
            matterCode = "MS-001",
            applicantName = "Wu Fang",
            channel = "CHANNEL_SERVICE_HALL",
            districtCode = "district-08",
            materials = new[] { "application form", "business licence", "premises floor plan", "food safety officer certificate" },
        });
        var applicationId = Guid.Parse(submitted.GetProperty("id").GetString()!);
        var path = $"/api/approvals/v1/applications/{applicationId}";
        await platform.SendAsync(HttpMethod.Post, $"{path}:accept", clerk, new { });
        await platform.SendAsync(HttpMethod.Post, $"{path}:decide", clerk, new { decision = "DECISION_APPROVE" });

        var districtAdmin = platform.IssueToken(PlatformRoles.DistrictAdmin, "district-admin-08", district: "district-08");
        var foreignAdmin = platform.IssueToken(PlatformRoles.DistrictAdmin, "district-admin-07", district: "district-07");
        var until = DateTime.UtcNow + EventDeadline;
        JsonElement followUp;
        while (!TryFindFollowUp(await platform.SendAsync(HttpMethod.Get, "/api/governance/v1/cases?pageSize=100", districtAdmin), applicationId, out followUp))
        {
            Assert.True(DateTime.UtcNow < until, $"no follow-up case of application {applicationId} within {EventDeadline.TotalSeconds} s");
            await Task.Delay(200);
        }

        Assert.Equal("CASE_STATUS_DISPATCHED", followUp.GetProperty("status").GetString());
        Assert.Equal("ASSIGNEE_KIND_MODULE", followUp.GetProperty("assigneeKind").GetString());
        Assert.Equal("market-supervision", followUp.GetProperty("assigneeCode").GetString());
        Assert.Equal("district-08", followUp.GetProperty("districtCode").GetString());
        Assert.False(TryFindFollowUp(await platform.SendAsync(HttpMethod.Get, "/api/governance/v1/cases?pageSize=100", foreignAdmin), applicationId, out _));
        await platform.SendAsync(HttpMethod.Get, $"/api/governance/v1/cases/{followUp.GetProperty("id").GetString()}", foreignAdmin, expected: HttpStatusCode.Forbidden);
    }

    private static bool TryFindFollowUp(JsonElement list, Guid applicationId, out JsonElement found)
    {
        found = default;
        if (!list.TryGetProperty("cases", out var cases)) return false;
        foreach (var c in cases.EnumerateArray())
        {
            if (c.TryGetProperty("followUpOfApplicationId", out var id) && id.GetString() == applicationId.ToString())
            {
                found = c.Clone();
                return true;
            }
        }
        return false;
    }

}
