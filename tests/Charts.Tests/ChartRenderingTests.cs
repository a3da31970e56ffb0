using k8s.Models;

namespace Longgang.Charts.Tests;

/// <summary>The chart lints, renders and validates with every profile; what `helm install` prints.</summary>
public sealed class ChartRenderingTests
{
    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Lint_is_clean_in_strict_mode(string profile)
    {
        var output = await Tools.RunOrFailAsync(Tools.Helm,
            new[] { "lint", "--strict", Repo.Chart }.Concat(Chart.ProfileArguments(profile)));

        Assert.Contains("0 chart(s) failed", output);
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Every_manifest_loads_strictly_and_passes_the_Kubernetes_schemas(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);

        await manifests.AssertSchemaValidAsync();
        // five workloads, each with the same set of objects
        Assert.Equal(5, manifests.All<V1Deployment>().Count());
        // each workload's Service, and a headless one for each service's gRPC port (the gateway resolves it by DNS)
        Assert.Equal(9, manifests.All<V1Service>().Count());
        Assert.Equal(5, manifests.All<V1ConfigMap>().Count(c => c.Metadata.Labels["app.kubernetes.io/component"] is "gateway" or "service"));
        Assert.Equal(5, manifests.All<V1ServiceAccount>().Count());
        Assert.Equal(5, manifests.All<V1NetworkPolicy>().Count());
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Notes_tell_how_to_reach_the_API_and_how_to_test_the_release(string profile)
    {
        // an install that stops before the cluster: the NOTES as ops will read them
        var result = await Tools.RunAsync(Tools.Helm,
            new[] { "install", Chart.Release, Repo.Chart, "--namespace", Chart.Namespace, "--dry-run=client" }
                .Concat(Chart.ProfileArguments(profile)));
        // only where the tools are optional: with PLATFORM_REQUIRE_HELM=1 (CI) an old helm must fail, not skip
        if (result.ExitCode != 0 && result.Error.Contains("cluster unreachable", StringComparison.Ordinal) && !Tools.Required)
            Assert.Skip("this helm (3.x) needs a cluster even for a client-side dry run; helm 4, as in CI, does not");
        Assert.True(result.ExitCode == 0, result.ToString());
        var notes = result.Output[result.Output.IndexOf("NOTES:", StringComparison.Ordinal)..];

        Assert.Contains("/docs", notes);
        Assert.Contains($"http://{Chart.Release}-gateway.{Chart.Namespace}:8080", notes);
        Assert.Contains($"helm test {Chart.Release}", notes);
        if (profile == "prod") Assert.Contains("https://api.longgang.example/docs", notes);
        Assert.Equal(profile == "dev", notes.Contains("development clusters only", StringComparison.Ordinal));
    }
}
