using System.Net;
using System.Net.Sockets;
using Longgang.Platform;
using Longgang.Platform.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Longgang.Gateway.Tests;

[Collection(PlatformCollection.Name)]
public sealed class ReadinessTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Ready_checks_every_downstream_service()
    {
        var health = fixture.Platform.GatewayServices.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync(check => check.Tags.Contains(HealthTags.Ready));

        var downstream = Assert.Contains(DownstreamHealthCheck.Name, report.Entries);
        Assert.Equal(HealthStatus.Healthy, downstream.Status);
        foreach (var service in new[] { "approvals", "governance", "talent", "livelihood" })
            Assert.Equal("answered 200", Assert.Contains(service, downstream.Data));
    }

    [Fact]
    public async Task A_services_readiness_covers_its_database_the_bus_and_nothing_for_liveness()
    {
        var health = fixture.Platform.Services.GetRequiredService<HealthCheckService>();

        var ready = await health.CheckHealthAsync(check => check.Tags.Contains(HealthTags.Ready));

        foreach (var database in new[] { "approvals", "governance", "talent", "livelihood" })
            Assert.Equal(HealthStatus.Healthy, Assert.Contains($"{database}-database", ready.Entries).Status);
        Assert.Contains(ready.Entries, entry => entry.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase)
                                                || entry.Value.Tags.Contains("masstransit"));
        // the calendar's warning depends on today's date and the data shipped (CalendarReadinessTests pin both)
        Assert.Contains(Longgang.Platform.Calendar.CalendarReadiness.Name, ready.Entries);
        Assert.All(ready.Entries.Where(e => e.Key != Longgang.Platform.Calendar.CalendarReadiness.Name),
            entry => Assert.Equal(HealthStatus.Healthy, entry.Value.Status));
    }

    [Fact]
    public async Task Gateway_whose_services_are_all_down_is_live_but_not_ready()
    {
        await using var gateway = await GatewayInFrontOfAsync(new Dictionary<string, string>());
        using var client = new HttpClient { BaseAddress = EmbeddedPlatform.GetHttpAddress(gateway) };

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task Gateway_with_one_service_down_stays_ready_as_degraded_and_serves_the_others()
    {
        // approvals is the fixture's live one; the other three point nowhere
        await using var gateway = await GatewayInFrontOfAsync(new Dictionary<string, string>
        {
            ["approvals"] = fixture.Platform.GatewayServices.GetRequiredService<IReadOnlyList<DownstreamService>>()
                .Single(s => s.Name == "approvals").HttpAddress.ToString(),
        });
        using var client = new HttpClient { BaseAddress = EmbeddedPlatform.GetHttpAddress(gateway) };

        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>A gateway of its own whose services are at the given HTTP addresses, the rest at a dead one.</summary>
    private static Task<Microsoft.AspNetCore.Builder.WebApplication> GatewayInFrontOfAsync(IReadOnlyDictionary<string, string> live)
    {
        var deadAddress = $"http://127.0.0.1:{UnusedPort()}";
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "test",
            ["Auth:Audience"] = "test",
            ["Auth:SigningKey"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()),
        };
        foreach (var service in new[] { "approvals", "governance", "talent", "livelihood" })
        {
            configuration[$"Gateway:Services:{service}:Http"] = live.GetValueOrDefault(service, deadAddress);
            configuration[$"Gateway:Services:{service}:Grpc"] = deadAddress;
        }
        return EmbeddedPlatform.StartGatewayAsync(configuration);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
