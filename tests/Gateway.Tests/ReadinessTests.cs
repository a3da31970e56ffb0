using System.Net;
using System.Net.Sockets;
using Longgang.Platform;
using Longgang.Platform.Host;
using Microsoft.Extensions.Configuration;
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
    public async Task A_services_readiness_covers_its_database_and_the_bus()
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
        // livelihood points nowhere; the other three are the fixture's live ones
        var services = fixture.Platform.GatewayServices.GetRequiredService<IReadOnlyList<DownstreamService>>();
        await using var gateway = await GatewayInFrontOfAsync(services.Where(s => s.Name != "livelihood").ToDictionary(s => s.Name, s => s.HttpAddress.ToString()));
        using var client = new HttpClient { BaseAddress = EmbeddedPlatform.GetHttpAddress(gateway) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Platform.IssueToken(PlatformRoles.Citizen, subject: "citizen-degraded"));

        using var ready = await client.GetAsync("/health/ready");
        using var approvals = await client.GetAsync("/api/approvals/v1/matters");
        using var governance = await client.GetAsync("/api/governance/v1/cases");
        using var talent = await client.GetAsync("/api/talent/v1/tiers");
        using var livelihood = await client.GetAsync("/api/livelihood/v1/projects");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { approvals.StatusCode, governance.StatusCode, talent.StatusCode });
        Assert.Equal(HttpStatusCode.BadGateway, livelihood.StatusCode);
    }

    /// <summary>
    /// A gateway of its own, trusting the fixture's tokens (the services check them too), whose services are at the given
    /// HTTP addresses and the rest at a dead one.
    /// </summary>
    private Task<Microsoft.AspNetCore.Builder.WebApplication> GatewayInFrontOfAsync(IReadOnlyDictionary<string, string> live)
    {
        var deadAddress = $"http://127.0.0.1:{UnusedPort()}";
        var auth = fixture.Platform.GatewayServices.GetRequiredService<IConfiguration>().GetSection("Auth");
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = auth["Issuer"],
            ["Auth:Audience"] = auth["Audience"],
            ["Auth:SigningKey"] = auth["SigningKey"],
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
