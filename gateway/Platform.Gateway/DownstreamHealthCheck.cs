using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Longgang.Gateway;

/// <summary>
/// The gateway's readiness from the services behind it, each asked for its own <c>/health/ready</c> at once:
/// Healthy when all answer, Degraded when some do (the gateway still serves the others' routes, so it stays in the
/// load balancer: one service's outage must not take the whole API down), Unhealthy only when none does.
/// </summary>
public sealed class DownstreamHealthCheck(IHttpClientFactory clients, IReadOnlyList<DownstreamService> services) : IHealthCheck
{
    public const string Name = "downstream-services";
    public const string HttpClientName = "downstream-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var answers = await Task.WhenAll(services.Select(service => AskAsync(service, cancellationToken)));
        var data = answers.ToDictionary(a => a.Service, a => (object)a.Answer);
        var ready = answers.Count(a => a.Ready);
        var description = string.Join("; ", answers.Select(a => $"{a.Service}: {a.Answer}"));
        return ready == answers.Length ? HealthCheckResult.Healthy(description, data)
            : ready > 0 ? HealthCheckResult.Degraded(description, data: data)
            : HealthCheckResult.Unhealthy(description, data: data);
    }

    private async Task<(string Service, bool Ready, string Answer)> AskAsync(DownstreamService service, CancellationToken cancellationToken)
    {
        var url = new Uri(service.HttpAddress, "/health/ready");
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(url, cancellationToken);
            return (service.Name, response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (service.Name, false, "does not answer");
        }
    }
}
