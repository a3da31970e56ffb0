using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Longgang.Gateway;

/// <summary>The gateway is ready only when a service behind it is: asks the service's own <c>/health/ready</c>.</summary>
public sealed class DownstreamHealthCheck(IHttpClientFactory clients, DownstreamService service) : IHealthCheck
{
    public const string HttpClientName = "downstream-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var url = new Uri(service.HttpAddress, "/health/ready");
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{url} answered {(int)response.StatusCode}")
                : HealthCheckResult.Unhealthy($"{url} answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{url} does not answer", ex);
        }
    }
}
