using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Longgang.Charts.Tests;

/// <summary>What ops rely on in every rendered profile: locked-down pods, probes, budgets, secrets by reference.</summary>
public sealed partial class ChartPolicyTests
{
    private static readonly string[] Services = ["approvals", "governance", "talent", "livelihood"];

    /// <summary>Every pod the chart can start: workloads, migration Jobs and the helm test pod.</summary>
    private static IEnumerable<(string Owner, V1PodSpec Spec)> Pods(Manifests m) =>
        m.All<V1Deployment>().Select(d => ($"Deployment/{d.Metadata.Name}", d.Spec.Template.Spec))
            .Concat(m.All<V1Job>().Select(j => ($"Job/{j.Metadata.Name}", j.Spec.Template.Spec)))
            .Concat(m.All<V1Pod>().Select(p => ($"Pod/{p.Metadata.Name}", p.Spec)));

    private static V1Deployment Deployment(Manifests m, string workload) =>
        Assert.Single(m.All<V1Deployment>(), d => d.Metadata.Name == $"{Chart.Release}-{workload}");

    private static IDictionary<string, string> Config(Manifests m, string workload) =>
        Assert.Single(m.All<V1ConfigMap>(), c => c.Metadata.Name == $"{Chart.Release}-{workload}").Data;

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string>? labels) =>
        labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Every_container_has_requests_and_limits_and_runs_non_root_on_a_read_only_filesystem(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);

        foreach (var (owner, pod) in Pods(manifests))
        {
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true, $"{owner}: pod runAsNonRoot");
            Assert.NotEqual(0, pod.SecurityContext?.RunAsUser);
            Assert.False(pod.AutomountServiceAccountToken ?? true, $"{owner}: no API token is needed");
            foreach (var c in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                var where = $"{owner}/{c.Name}";
                Assert.True(c.Resources?.Requests?.ContainsKey("cpu") == true && c.Resources.Requests.ContainsKey("memory"), $"{where}: requests");
                Assert.True(c.Resources.Limits?.ContainsKey("cpu") == true && c.Resources.Limits.ContainsKey("memory"), $"{where}: limits");
                var security = c.SecurityContext;
                Assert.True(security?.ReadOnlyRootFilesystem == true, $"{where}: read-only root filesystem");
                Assert.True(security.AllowPrivilegeEscalation == false, $"{where}: no privilege escalation");
                Assert.True(security.RunAsNonRoot == true, $"{where}: runAsNonRoot");
                Assert.Contains("ALL", security.Capabilities?.Drop ?? []);
                Assert.Null(security.Privileged);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Every_workload_container_is_probed_on_the_health_endpoints_and_listens_on_both_ports(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);

        foreach (var deployment in manifests.All<V1Deployment>())
        {
            var c = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Equal("/health/live", c.LivenessProbe?.HttpGet?.Path);
            Assert.Equal("/health/ready", c.ReadinessProbe?.HttpGet?.Path);
            Assert.Equal("/health/live", c.StartupProbe?.HttpGet?.Path);
            Assert.Equal([("grpc", 8081), ("http", 8080)], c.Ports.Select(p => (p.Name, p.ContainerPort)).Order());
        }
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Every_image_names_a_build_never_latest(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);
        var appVersion = AppVersion().Match(await File.ReadAllTextAsync(Path.Combine(Repo.Chart, "Chart.yaml"))).Groups[1].Value;

        foreach (var (owner, image) in Pods(manifests).SelectMany(p => p.Spec.Containers.Select(c => (p.Owner, c.Image))))
        {
            var tag = image.Contains(':') ? image[(image.LastIndexOf(':') + 1)..] : "";
            Assert.False(tag is "" or "latest", $"{owner}: image {image} has no fixed tag");
        }
        foreach (var deployment in manifests.All<V1Deployment>())
            Assert.EndsWith($":{appVersion}", deployment.Spec.Template.Spec.Containers[0].Image);
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Connection_strings_and_the_signing_key_come_from_the_Secret_by_reference_only(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);
        var secretValues = manifests.All<V1Secret>()
            .SelectMany(s => (s.StringData ?? new Dictionary<string, string>()).Values
                .Concat((s.Data ?? new Dictionary<string, byte[]>()).Values.Select(Encoding.UTF8.GetString)))
            .ToList();
        // what the pods could see in plain text: ConfigMaps and env literals
        var plain = manifests.All<V1ConfigMap>().SelectMany(c => c.Data.Select(d => ($"ConfigMap/{c.Metadata.Name}", d.Key, d.Value)))
            .Concat(Pods(manifests).SelectMany(p => p.Spec.Containers.SelectMany(c => (c.Env ?? [])
                .Where(e => e.Value is not null).Select(e => ($"{p.Owner}/{c.Name}", e.Name, e.Value)))))
            .ToList();

        Assert.NotEmpty(plain);
        foreach (var (where, key, value) in plain)
        {
            Assert.False(SecretKey().IsMatch(key), $"{where}: {key} is set in plain text");
            Assert.False(SecretLooking().IsMatch(value), $"{where}: {key} looks like it holds credentials");
            Assert.False(secretValues.Any(s => s.Length >= 8 && value.Contains(s, StringComparison.Ordinal)),
                $"{where}: {key} holds a value of the Secret");
        }
        foreach (var deployment in manifests.All<V1Deployment>())
        {
            var name = deployment.Metadata.Name[(Chart.Release.Length + 1)..];
            var env = deployment.Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name);
            // production tokens come from the OIDC authority: no HS256 key at all
            var expected = new List<string> { "ConnectionStrings__redis" };
            if (profile != "prod") expected.Add("Auth__SigningKey");
            Assert.Equal(profile != "prod", env.ContainsKey("Auth__SigningKey"));
            if (name != "gateway") expected.AddRange(["ConnectionStrings__rabbitmq", $"ConnectionStrings__{name}"]);
            foreach (var key in expected)
                Assert.Equal("longgang-platform", env[key].ValueFrom?.SecretKeyRef?.Name);
        }
    }

    [Fact]
    public async Task Only_the_development_profile_creates_a_Secret_and_it_exists_before_the_migrations()
    {
        var dev = await Chart.RenderAsync("dev");
        foreach (var profile in new[] { "default", "prod" })
            Assert.Empty((await Chart.RenderAsync(profile)).All<V1Secret>());

        var platform = Assert.Single(dev.All<V1Secret>(), s => s.Metadata.Name == "longgang-platform");
        Assert.Equal(["approvals-db", "governance-db", "livelihood-db", "rabbitmq", "redis", "signing-key", "talent-db"],
            platform.StringData.Keys.Order());
        Assert.True(platform.StringData["signing-key"].Length >= 32, "HS256 needs a key of 32 bytes or more");
        foreach (var secret in dev.All<V1Secret>())
        {
            Assert.Equal("pre-install,pre-upgrade", secret.Metadata.Annotations["helm.sh/hook"]);
            Assert.True(int.Parse(secret.Metadata.Annotations["helm.sh/hook-weight"]) <
                        int.Parse(dev.All<V1Job>().First().Metadata.Annotations["helm.sh/hook-weight"]));
        }
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Each_service_migrates_in_a_hook_Job_and_its_replicas_do_not_initialise_the_database(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);

        foreach (var service in Services)
        {
            var deployment = Deployment(manifests, service);
            var job = Assert.Single(manifests.All<V1Job>(), j => j.Metadata.Name == $"{Chart.Release}-{service}-migrate");
            Assert.Equal("pre-install,pre-upgrade", job.Metadata.Annotations["helm.sh/hook"]);
            // a failed migration fails the release promptly and keeps its logs: no hook-failed deletion
            Assert.InRange(job.Spec.BackoffLimit ?? 6, 0, 2);
            Assert.InRange(job.Spec.ActiveDeadlineSeconds ?? 0, 300, 1800);
            Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
            Assert.DoesNotContain("hook-failed", job.Metadata.Annotations["helm.sh/hook-delete-policy"]);
            Assert.Contains("before-hook-creation", job.Metadata.Annotations["helm.sh/hook-delete-policy"]);
            Assert.DoesNotContain(deployment.Spec.Template.Spec.Containers[0].Env ?? [], e => e.Name.StartsWith("Database__", StringComparison.Ordinal));
            var migrate = Assert.Single(job.Spec.Template.Spec.Containers);
            Assert.Equal(deployment.Spec.Template.Spec.Containers[0].Image, migrate.Image);
            Assert.Contains(migrate.Env, e => e.Name == "Database__MigrateOnly" && e.Value == "true");
            Assert.Equal($"{service}-db", migrate.Env.Single(e => e.Name == $"ConnectionStrings__{service}").ValueFrom.SecretKeyRef.Key);
            Assert.Equal("false", Config(manifests, service)["Database__Initialize"]);
            // the service's Service must never route a request to a migration pod
            var selector = Assert.Single(manifests.All<V1Service>(), s => s.Metadata.Name == deployment.Metadata.Name).Spec.Selector;
            Assert.False(Selects(selector, job.Spec.Template.Metadata.Labels));
        }
        Assert.DoesNotContain(manifests.All<V1Job>(), j => j.Metadata.Name.Contains("gateway"));
    }

    [Fact]
    public async Task Production_runs_at_least_two_replicas_with_autoscaling_and_disruption_budgets()
    {
        var prod = await Chart.RenderAsync("prod");

        foreach (var deployment in prod.All<V1Deployment>())
        {
            var name = deployment.Metadata.Name;
            Assert.Null(deployment.Spec.Replicas); // the HPA owns the count
            var hpa = Assert.Single(prod.All<V2HorizontalPodAutoscaler>(), h => h.Spec.ScaleTargetRef.Name == name);
            Assert.True(hpa.Spec.MinReplicas >= 2, $"{name}: minReplicas {hpa.Spec.MinReplicas}");
            var pdb = Assert.Single(prod.All<V1PodDisruptionBudget>(), p => Selects(p.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels));
            Assert.Equal(name, pdb.Metadata.Name);
            var antiAffinity = deployment.Spec.Template.Spec.Affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
            Assert.Contains(antiAffinity ?? [], a => Selects(a.PodAffinityTerm.LabelSelector.MatchLabels, deployment.Spec.Template.Metadata.Labels));
        }
    }

    [Fact]
    public async Task Development_runs_one_replica_of_each_without_autoscaling_or_budgets()
    {
        var dev = await Chart.RenderAsync("dev");

        Assert.All(dev.All<V1Deployment>(), d => Assert.Equal(1, d.Spec.Replicas));
        Assert.Empty(dev.All<V2HorizontalPodAutoscaler>());
        Assert.Empty(dev.All<V1PodDisruptionBudget>());
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Only_the_gateway_accepts_traffic_from_the_ingress_and_services_only_from_the_gateway(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);
        var gatewayLabels = Deployment(manifests, "gateway").Spec.Template.Metadata.Labels;

        foreach (var deployment in manifests.All<V1Deployment>())
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            var policy = Assert.Single(manifests.All<V1NetworkPolicy>(), p => Selects(p.Spec.PodSelector.MatchLabels, labels));
            // the metrics rule only opens the HTTP port to the monitoring namespace
            var peers = policy.Spec.Ingress.Where(rule => rule.Ports.Any(p => p.Port.Value == "grpc")).SelectMany(rule => rule.FromProperty).ToList();
            if (deployment.Metadata.Name.EndsWith("-gateway"))
            {
                Assert.Contains(peers, p => p.NamespaceSelector is not null);
            }
            else
            {
                Assert.All(peers, p => Assert.Null(p.NamespaceSelector));
                Assert.All(peers, p => Assert.Null(p.IpBlock));
                Assert.Contains(peers, p => Selects(p.PodSelector.MatchLabels, gatewayLabels));
            }
        }
        var ingress = manifests.All<V1Ingress>().SelectMany(i => i.Spec.Rules).SelectMany(r => r.Http.Paths);
        Assert.All(ingress, path => Assert.Equal($"{Chart.Release}-gateway", path.Backend.Service.Name));
        Assert.NotEmpty(ingress);
    }

    [Fact]
    public async Task The_ingress_routes_the_API_and_its_documentation_but_not_health_or_metrics()
    {
        var result = await Chart.TemplateAsync("default", "--set", "ingress.grpc.enabled=true");
        Assert.True(result.ExitCode == 0, result.ToString());
        var ingresses = Manifests.Load(result.Output).All<V1Ingress>().ToList();

        string[] PathsOf(string name) => ingresses.Single(i => i.Metadata.Name == name)
            .Spec.Rules.SelectMany(r => r.Http.Paths).Select(p => p.Path).ToArray();
        Assert.Equal(["/api/", "/openapi/", "/docs"], PathsOf($"{Chart.Release}-gateway"));
        Assert.Equal(["/longgang."], PathsOf($"{Chart.Release}-gateway-grpc"));
    }

    [Fact]
    public async Task A_service_accepts_another_service_only_when_its_allowFrom_names_it()
    {
        var result = await Chart.TemplateAsync("default", "--set", "workloads.governance.networkPolicy.allowFrom={approvals}");
        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Manifests.Load(result.Output);
        var approvals = Deployment(manifests, "approvals").Spec.Template.Metadata.Labels;

        bool Admits(string workload) => manifests.All<V1NetworkPolicy>().Single(p => p.Metadata.Name == $"{Chart.Release}-{workload}")
            .Spec.Ingress.SelectMany(r => r.FromProperty).Any(peer => peer.PodSelector is not null && Selects(peer.PodSelector.MatchLabels, approvals));
        Assert.True(Admits("governance"));
        Assert.False(Admits("talent"));
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Dapr_annotations_appear_exactly_where_dapr_is_enabled(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);

        foreach (var deployment in manifests.All<V1Deployment>())
        {
            var name = deployment.Metadata.Name[(Chart.Release.Length + 1)..];
            var annotations = deployment.Spec.Template.Metadata.Annotations ?? new Dictionary<string, string>();
            // the profiles enable Dapr for approvals only: it sends the citizen notifications
            var enabled = profile != "default" && name == "approvals";
            Assert.Equal(enabled, annotations.TryGetValue("dapr.io/enabled", out var on) && on == "true");
            if (!enabled)
            {
                Assert.DoesNotContain(annotations.Keys, k => k.StartsWith("dapr.io/", StringComparison.Ordinal));
                Assert.False(Config(manifests, name).ContainsKey("Dapr__NotificationBinding"));
                continue;
            }
            Assert.Equal(name, annotations["dapr.io/app-id"]);
            Assert.Equal("notifications", Config(manifests, name)["Dapr__NotificationBinding"]);
        }
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task The_helm_test_calls_every_services_readiness_and_the_gateways_and_each_lets_it_in(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);

        var test = Assert.Single(manifests.All<V1Pod>(), p => p.Metadata.Annotations?["helm.sh/hook"] == "test");
        // the gateway alone answers 200 (Degraded) with services down: each service is asked itself
        foreach (var workload in Services.Append("gateway"))
        {
            Assert.Contains($"http://{Chart.Release}-{workload}:8080/health/ready", test.Spec.Containers[0].Command);
            var policy = Assert.Single(manifests.All<V1NetworkPolicy>(), p => p.Metadata.Name == $"{Chart.Release}-{workload}");
            Assert.Contains(policy.Spec.Ingress, rule => rule.Ports.Any(p => p.Port.Value == "http")
                && rule.FromProperty.Any(peer => peer.PodSelector is not null && Selects(peer.PodSelector.MatchLabels, test.Metadata.Labels)));
        }
    }

    [Fact]
    public async Task The_helm_test_fails_when_one_service_is_not_ready_and_passes_when_all_are()
    {
        // the rendered command itself, run here with sh and wget against a stand-in for the five readiness endpoints
        var command = Assert.Single((await Chart.RenderAsync("default")).All<V1Pod>()).Spec.Containers[0].Command;
        using var listener = new System.Net.HttpListener();
        var port = Random.Shared.Next(20000, 40000);
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var notReady = "";
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                context.Response.StatusCode = context.Request.Url!.AbsolutePath.Contains(notReady) && notReady != "" ? 503 : 200;
                context.Response.Close();
            }
        }, TestContext.Current.CancellationToken);
        string[] Local(IEnumerable<string> args) => args.Select(a => a.Replace($"http://{Chart.Release}-", $"http://127.0.0.1:{port}/").Replace(":8080/", "/")).ToArray();
        var run = Local(command.Skip(1));

        var allReady = await Tools.RunAsync(command[0], run);
        notReady = "talent";
        var talentDown = await Tools.RunAsync(command[0], run);

        Assert.True(allReady.ExitCode == 0, allReady.ToString());
        Assert.True(talentDown.ExitCode != 0, talentDown.ToString());
        Assert.Contains($"not ready: http://127.0.0.1:{port}/talent/health/ready", talentDown.Output);
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task The_gateway_reaches_REST_through_each_Service_and_gRPC_through_a_headless_Service_it_resolves_by_DNS(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);
        var config = Config(manifests, "gateway");

        Assert.Equal("true", config["Gateway__ResolveDestinationsByDns"]);
        foreach (var service in Services)
        {
            var pods = Deployment(manifests, service).Spec.Template.Metadata.Labels;
            var address = Assert.Single(manifests.All<V1Service>(), s => s.Metadata.Name == $"{Chart.Release}-{service}");
            Assert.Equal($"http://{address.Metadata.Name}:8080", config[$"Gateway__Services__{service}__Http"]);
            // headless: DNS answers every ready pod's address, so the gateway's HTTP/2 connections spread over all
            // replicas instead of pinning every call to the one pod behind a ClusterIP
            var headless = Assert.Single(manifests.All<V1Service>(), s => s.Metadata.Name == $"{address.Metadata.Name}-grpc");
            Assert.Equal("None", headless.Spec.ClusterIP);
            Assert.NotEqual(true, headless.Spec.PublishNotReadyAddresses);
            Assert.True(Selects(headless.Spec.Selector, pods), $"{headless.Metadata.Name} selects the {service} pods");
            var port = Assert.Single(headless.Spec.Ports);
            Assert.Equal(("grpc", 8081, "kubernetes.io/h2c"), (port.Name, port.Port, port.AppProtocol));
            Assert.Equal($"http://{headless.Metadata.Name}:8081", config[$"Gateway__Services__{service}__Grpc"]);
        }
        Assert.DoesNotContain(manifests.All<V1Service>(), s => s.Metadata.Name == $"{Chart.Release}-gateway-grpc");
    }

    [Fact]
    public async Task A_workload_setting_beats_the_default_even_when_it_is_false()
    {
        // Sprig's merge would let the default's true win over the workload's false; the chart's overlay must not
        var result = await Chart.TemplateAsync("default",
            "--set", "defaults.autoscaling.enabled=true",
            "--set", "workloads.talent.autoscaling.enabled=false",
            "--set", "workloads.gateway.resources.limits.memory=1Gi",
            "--set-string", "workloads.gateway.config.Gateway:RateLimit:PermitLimit=250");
        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Manifests.Load(result.Output);

        var scaled = manifests.All<V2HorizontalPodAutoscaler>().Select(h => h.Spec.ScaleTargetRef.Name).Order();
        Assert.Equal(["platform-approvals", "platform-gateway", "platform-governance", "platform-livelihood"], scaled);
        Assert.Equal(1, Deployment(manifests, "talent").Spec.Replicas);
        var limits = Deployment(manifests, "gateway").Spec.Template.Spec.Containers[0].Resources.Limits;
        Assert.Equal("1Gi", limits["memory"].ToString());
        Assert.Equal("1", limits["cpu"].ToString()); // the rest of the map still comes from the defaults
        Assert.Equal("250", Config(manifests, "gateway")["Gateway__RateLimit__PermitLimit"]);
    }

    [GeneratedRegex(@"^appVersion:\s*""?([^""\s]+)", RegexOptions.Multiline)]
    private static partial Regex AppVersion();

    [GeneratedRegex(@"^(ConnectionStrings__|Auth__SigningKey$)")]
    private static partial Regex SecretKey();

    /// <summary>A password in a connection string or a URI with credentials.</summary>
    [GeneratedRegex(@"(?i)(password\s*=|://[^/\s:@]+:[^/\s@]+@)")]
    private static partial Regex SecretLooking();
}
