using k8s.Models;

namespace Longgang.Charts.Tests;

/// <summary>The malware scanner (values <c>clamav</c>): off by default, and when on, the services with files scan with it.</summary>
public sealed class ClamAvChartTests
{
    [Fact]
    public async Task Turned_on_it_runs_clamd_and_the_services_with_files_scan_with_it()
    {
        var result = await Chart.TemplateAsync("default", "--set", "clamav.enabled=true");
        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Manifests.Load(result.Output);

        Assert.Single(manifests.All<V1Deployment>(), d => d.Metadata.Name == $"{Chart.Release}-clamav");
        Assert.Single(manifests.All<V1Service>(), s => s.Metadata.Name == $"{Chart.Release}-clamav");
        var scanning = manifests.All<V1ConfigMap>()
            .Where(c => c.Data?.ContainsKey("Scanning__ClamAv") == true).Select(c => c.Metadata.Name).Order().ToList();
        Assert.Equal([$"{Chart.Release}-approvals", $"{Chart.Release}-governance"], scanning);
        Assert.All(manifests.All<V1ConfigMap>().Where(c => c.Data?.ContainsKey("Scanning__ClamAv") == true),
            c => Assert.Equal($"{Chart.Release}-clamav:3310", c.Data["Scanning__ClamAv"]));
    }

    [Fact]
    public async Task By_default_nothing_scans_and_uploads_are_stored_unscanned()
    {
        var result = await Chart.TemplateAsync("default");
        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Manifests.Load(result.Output);

        Assert.DoesNotContain(manifests.All<V1Deployment>(), d => d.Metadata.Name.EndsWith("-clamav", StringComparison.Ordinal));
        Assert.DoesNotContain(manifests.All<V1ConfigMap>(), c => c.Data?.ContainsKey("Scanning__ClamAv") == true);
    }
}
