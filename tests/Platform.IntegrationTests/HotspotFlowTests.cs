using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Livelihood.Messaging;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// Flow 5 on PostgreSQL and RabbitMQ: three cases of one category in one grid make one hotspot in governance, which
/// livelihood records as one proposal however often its CaseHotspotDetected is delivered.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HotspotFlowTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(60);

    private async Task<T> InAsync<TContext, T>(WebApplication service, Func<TContext, Task<T>> query) where TContext : DbContext
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        Assert.True(db.Database.IsNpgsql());
        return await query(db);
    }

    private async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var until = DateTime.UtcNow + EventDeadline;
        while (true)
        {
            if (await probe() is { } found) return found;
            Assert.True(DateTime.UtcNow < until, $"{what} within {EventDeadline.TotalSeconds} s");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Three_cases_in_a_grid_become_one_hotspot_and_one_livelihood_proposal_however_often_the_hotspot_is_delivered()
    {
        platform.RequireDocker();
        var category = $"flow-5 drain {Guid.NewGuid():N}"[..30];
        var gridWorker = platform.IssueToken(PlatformRoles.GridWorker, "grid-worker-flow-5", district: "district-07");
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/governance/v1/cases")
            {
                Content = JsonContent.Create(new { gridCode = "grid-07-01-1", source = "CASE_SOURCE_GRID_PATROL", category, description = $"blocked again ({i})" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gridWorker);
            using var response = await platform.Gateway.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var hotspot = await EventuallyAsync(() => InAsync<GovernanceDbContext, Governance.Domain.CaseHotspot?>(platform.Governance,
            db => db.Hotspots.AsNoTracking().SingleOrDefaultAsync(h => h.Category == category)), "a hotspot");
        Assert.Equal(("grid-07-01-1", 3), (hotspot.GridCode, hotspot.CaseCount));
        var proposal = await EventuallyAsync(() => InAsync<LivelihoodDbContext, Project?>(platform.Livelihood,
            db => db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.SourceHotspotId == hotspot.Id)), "a livelihood proposal");
        Assert.Equal((ProposerKind.Hotspot, ProjectStatus.Proposed), (proposal.ProposerKind, proposal.Status));
        Assert.Equal(["district-07"], proposal.DistrictCodes);

        // the same hotspot delivered again: twice under one new message id (a redelivery), once more under another
        var detected = new CaseHotspotDetected(hotspot.Id, hotspot.DistrictCode, hotspot.GridCode, hotspot.Category, hotspot.CaseCount, 30,
            hotspot.WindowStartsAt, hotspot.DetectedAt);
        var ids = new[] { NewId.NextGuid(), NewId.NextGuid() };
        var deliveries = new ConsumeTally(ids);
        using (platform.Livelihood.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries))
        {
            var publisher = platform.Governance.Services.GetRequiredService<IBus>();
            foreach (var id in new[] { ids[0], ids[0], ids[1] })
                await publisher.Publish(detected, context => context.MessageId = id);
            await deliveries.WaitForAsync(3, EventDeadline);
        }
        Assert.Empty(deliveries.Faults);

        Assert.Equal(1, await InAsync<LivelihoodDbContext, int>(platform.Livelihood, db => db.Projects.CountAsync(p => p.SourceHotspotId == hotspot.Id)));
        Assert.Equal(1, await InAsync<GovernanceDbContext, int>(platform.Governance, db => db.Hotspots.CountAsync(h => h.Category == category)));
        // the two new message ids left an inbox row each; the redelivery of the first found its row and did nothing
        Assert.Equal(2, await InAsync<LivelihoodDbContext, int>(platform.Livelihood,
            db => db.InboxMessages.CountAsync(m => m.Consumer == nameof(HotspotProposalRecorder) && ids.Contains(m.MessageId))));
    }

    [Fact]
    public async Task Two_overlapping_bookings_of_one_room_at_once_exactly_one_wins()
    {
        platform.RequireDocker();
        var admin = platform.IssueToken(PlatformRoles.CityAdmin, "city-admin-booking-race");
        var room = await platform.SendAsync(HttpMethod.Post, "/api/governance/v1/rooms", admin,
            new { districtCode = "district-07", kind = "ROOM_KIND_MEDIATION_ROOM", name = "Race room", location = "3F", capacity = 8 });
        var roomId = room.GetProperty("id").GetString()!;
        for (var round = 0; round < 5; round++)
        {
            var start = TestClock.Now.AddDays(2 + round);
            Task<HttpStatusCode> Book(int minutes) => StatusAsync(HttpMethod.Post, $"/api/governance/v1/rooms/{roomId}/bookings", admin,
                new { startsAt = start.AddMinutes(minutes), endsAt = start.AddMinutes(minutes + 60), purpose = "race" });

            var statuses = await Task.WhenAll(Book(0), Book(30));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses.Order());
        }
        Assert.Equal(5, await InAsync<GovernanceDbContext, int>(platform.Governance, db => db.RoomBookings.CountAsync(b => b.RoomId == Guid.Parse(roomId))));
    }

    private async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await platform.Gateway.SendAsync(request);
        return response.StatusCode;
    }

}
