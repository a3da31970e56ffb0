using k8s;
using k8s.Models;

namespace Longgang.Charts.Tests;

/// <summary>k8s/: the cluster-level manifests render with kustomize and validate like the chart's.</summary>
public sealed class KustomizeTests
{
    public static readonly TheoryData<string> Overlays = ["dev", "prod"];

    private static async Task<Manifests> BuildAsync(string overlay) =>
        Manifests.Load(await Tools.RunOrFailAsync(Tools.Kubectl, ["kustomize", Repo.Overlay(overlay)]));

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_renders_and_passes_the_Kubernetes_schemas(string overlay)
    {
        var manifests = await BuildAsync(overlay);

        await manifests.AssertSchemaValidAsync();
        var ns = Assert.Single(manifests.All<V1Namespace>());
        Assert.Equal(Chart.Namespace, ns.Metadata.Name);
        foreach (var o in manifests.Objects.OfType<IKubernetesObject<V1ObjectMeta>>().Where(o => o is not V1Namespace))
            Assert.True(o.Metadata.NamespaceProperty == Chart.Namespace, $"{Manifests.Describe(o)} is outside {Chart.Namespace}");
        var deny = Assert.Single(manifests.All<V1NetworkPolicy>(), p => p.Metadata.Name == "default-deny-ingress");
        Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Null(deny.Spec.Ingress);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_notifications_binding_the_chart_names_exists_for_the_app_that_uses_it(string overlay)
    {
        var cluster = await BuildAsync(overlay);
        var chart = await Chart.RenderAsync(overlay);

        var approvals = chart.All<V1Deployment>().Single(d => d.Metadata.Name == $"{Chart.Release}-approvals");
        var appId = approvals.Spec.Template.Metadata.Annotations["dapr.io/app-id"];
        var binding = chart.All<V1ConfigMap>().Single(c => c.Metadata.Name == approvals.Metadata.Name).Data["Dapr__NotificationBinding"];
        var component = Assert.Single(cluster.All<DaprComponent>(), c => c.Metadata.Name == binding);
        Assert.StartsWith("bindings.", component.Spec.Type);
        Assert.Contains(appId, component.Scopes ?? []);
    }

    [Fact]
    public async Task Development_runs_its_own_databases_locked_down_and_production_none()
    {
        var dev = await BuildAsync("dev");
        var prod = await BuildAsync("prod");
        var chartDev = await Chart.RenderAsync("dev");

        Assert.Equal(["postgres", "rabbitmq", "redis"], dev.All<V1StatefulSet>().Select(s => s.Metadata.Name).Order());
        Assert.Empty(prod.All<V1StatefulSet>());
        // the passwords come from the Secret the chart's development profile creates
        var infraSecret = Assert.Single(chartDev.All<V1Secret>(), s => s.Metadata.Name != "longgang-platform").Metadata.Name;
        foreach (var set in dev.All<V1StatefulSet>())
        {
            var pod = set.Spec.Template.Spec;
            Assert.True(pod.SecurityContext.RunAsNonRoot == true && pod.SecurityContext.RunAsUser != 0, set.Metadata.Name);
            var c = Assert.Single(pod.Containers);
            Assert.True(c.SecurityContext.ReadOnlyRootFilesystem == true && c.SecurityContext.AllowPrivilegeEscalation == false, set.Metadata.Name);
            Assert.NotNull(c.Resources.Limits);
            Assert.NotNull(c.ReadinessProbe);
            Assert.DoesNotContain(c.Env ?? [], e => e.Name.Contains("PASS", StringComparison.Ordinal) && e.Value is not null);
            Assert.All((c.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef is not null), e => Assert.Equal(infraSecret, e.ValueFrom.SecretKeyRef.Name));
            // only the platform's pods (labelled by the chart) may connect
            var policy = Assert.Single(dev.All<V1NetworkPolicy>(), p => p.Metadata.Name == set.Metadata.Name);
            Assert.All(policy.Spec.Ingress.SelectMany(r => r.FromProperty),
                peer => Assert.Equal("longgang-platform", peer.PodSelector.MatchLabels["app.kubernetes.io/part-of"]));
        }
        Assert.All(chartDev.All<V1Job>(), j => Assert.Equal("longgang-platform", j.Spec.Template.Metadata.Labels["app.kubernetes.io/part-of"]));
    }
}
