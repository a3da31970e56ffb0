using k8s.Models;

namespace Longgang.Charts.Tests;

/// <summary>
/// Issue 20 on the chart side: the production profile's requirements, images from the city's registry, OIDC without
/// the HS256 key, graceful stops, the Gateway API route, Dapr sidecar resources, settings ops add, and backups.
/// </summary>
public sealed class ChartProductionTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static async Task<Manifests> RenderAsync(string profile, params string[] extra)
    {
        var result = await Chart.TemplateAsync(profile, extra);
        Assert.True(result.ExitCode == 0, result.ToString());
        return Manifests.Load(result.Output);
    }

    private static async Task<ToolResult> TemplateWithAsync(string profile, string values)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("charts-tests-").FullName, "values.yaml");
        await File.WriteAllTextAsync(file, values);
        try
        {
            return await Chart.TemplateAsync(profile, "-f", file);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    private static IEnumerable<(string Owner, V1PodSpec Spec)> Pods(Manifests m) =>
        m.All<V1Deployment>().Select(d => ($"Deployment/{d.Metadata.Name}", d.Spec.Template.Spec))
            .Concat(m.All<V1Job>().Select(j => ($"Job/{j.Metadata.Name}", j.Spec.Template.Spec)))
            .Concat(m.All<V1CronJob>().Select(j => ($"CronJob/{j.Metadata.Name}", j.Spec.JobTemplate.Spec.Template.Spec)))
            .Concat(m.All<V1Pod>().Select(p => ($"Pod/{p.Metadata.Name}", p.Spec)));

    private static IDictionary<string, string> Config(Manifests m, string workload) =>
        Assert.Single(m.All<V1ConfigMap>(), c => c.Metadata.Name == $"{Chart.Release}-{workload}").Data;

    [Fact]
    public async Task The_production_profile_without_the_sites_values_is_refused_naming_each_one()
    {
        var result = await Tools.RunAsync(Tools.Helm,
            ["template", Chart.Release, Repo.Chart, "-f", Path.Combine(Repo.Chart, "values-prod.yaml")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/auth/oidc/authority", result.Error);
        Assert.Contains("/trustedProxyNetworks", result.Error);
        Assert.Contains("/global/imageRegistry", result.Error);
    }

    [Fact]
    public async Task The_production_profile_refuses_a_chart_made_Secret_and_a_plain_HTTP_authority()
    {
        Assert.NotEqual(0, (await TemplateWithAsync("prod", "secrets:\n  create: true\n")).ExitCode);
        Assert.NotEqual(0, (await TemplateWithAsync("prod", "auth:\n  oidc:\n    authority: http://sso.example\n")).ExitCode);
    }

    [Fact]
    public async Task Production_images_all_come_from_the_sites_registry_none_from_Docker_Hub()
    {
        var prod = await Chart.RenderAsync("prod");

        foreach (var (owner, pod) in Pods(prod))
        {
            foreach (var image in pod.Containers.Select(c => c.Image))
                Assert.True(image.StartsWith("registry.longgang.example/", StringComparison.Ordinal), $"{owner}: {image}");
        }
    }

    [Fact]
    public async Task A_digest_pins_each_image_and_a_registry_with_a_port_is_accepted()
    {
        var manifests = await RenderAsync("default",
            "--set", "global.imageRegistry=registry.city.example:5000/mirror",
            "--set", $"workloads.talent.image.digest={Digest}",
            "--set", $"tests.image.digest={Digest}");

        var talent = manifests.All<V1Deployment>().Single(d => d.Metadata.Name.EndsWith("-talent", StringComparison.Ordinal));
        Assert.Equal($"registry.city.example:5000/mirror/longgang/talent:0.1.0@{Digest}", talent.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(talent.Spec.Template.Spec.Containers[0].Image,
            manifests.All<V1Job>().Single(j => j.Metadata.Name.EndsWith("-talent-migrate", StringComparison.Ordinal)).Spec.Template.Spec.Containers[0].Image);
        Assert.EndsWith($"busybox:1.37@{Digest}", manifests.All<V1Pod>().Single().Spec.Containers[0].Image);
        Assert.EndsWith("/longgang/approvals:0.1.0", manifests.All<V1Deployment>().Single(d => d.Metadata.Name.EndsWith("-approvals", StringComparison.Ordinal)).Spec.Template.Spec.Containers[0].Image);

        var repository = await TemplateWithAsync("default", "workloads:\n  gateway:\n    image: {repository: \"registry.city.example:5000/longgang/gateway\"}\n");
        Assert.True(repository.ExitCode == 0, repository.ToString());
        Assert.NotEqual(0, (await TemplateWithAsync("default", "defaults:\n  image:\n    digest: sha256:abc\n")).ExitCode);
    }

    [Fact]
    public async Task With_an_OIDC_authority_every_process_gets_it_and_the_claim_map_and_no_HS256_key_is_rendered()
    {
        var prod = await Chart.RenderAsync("prod");

        foreach (var workload in new[] { "gateway", "approvals", "governance", "talent", "livelihood" })
        {
            var config = Config(prod, workload);
            Assert.Equal("https://sso.longgang.example/realms/longgang", config["Jwt__Authority"]);
            Assert.Equal("longgang-api", config["Jwt__Audience"]);
            Assert.Equal(("longgang_role", "longgang_district", "longgang_department"),
                (config["Jwt__ClaimMap__Role"], config["Jwt__ClaimMap__District"], config["Jwt__ClaimMap__Department"]));
            Assert.DoesNotContain(config.Keys, k => k.StartsWith("Auth__", StringComparison.Ordinal));
        }
        foreach (var (owner, pod) in Pods(prod))
            Assert.DoesNotContain(pod.Containers.SelectMany(c => c.Env ?? []), e => e.Name == "Auth__SigningKey" || e.ValueFrom?.SecretKeyRef?.Key == "signing-key");
        foreach (var job in prod.All<V1Job>())
            Assert.Contains(job.Spec.Template.Spec.Containers[0].Env, e => e.Name == "Jwt__Authority");

        // without an authority (development): HS256 with the Secret's key, as before
        var dev = await Chart.RenderAsync("dev");
        Assert.All(dev.All<V1Deployment>(), d => Assert.Contains(d.Spec.Template.Spec.Containers[0].Env, e => e.Name == "Auth__SigningKey"));
        Assert.DoesNotContain(Config(dev, "gateway").Keys, k => k.StartsWith("Jwt__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_gateway_trusts_forwarded_headers_from_the_configured_networks_only()
    {
        var prod = await Chart.RenderAsync("prod");

        Assert.Equal("10.244.0.0/16", Config(prod, "gateway")["Gateway__ForwardedHeaders__KnownNetworks__0"]);
        Assert.DoesNotContain(Config(prod, "talent").Keys, k => k.Contains("KnownNetworks", StringComparison.Ordinal));
        Assert.NotEqual(0, (await TemplateWithAsync("default", "trustedProxyNetworks: [\"10.0.0.0\"]\n")).ExitCode);
        Assert.NotEqual(0, (await TemplateWithAsync("default", "trustedProxyNetworks: [\"everyone\"]\n")).ExitCode);
    }

    [Fact]
    public async Task The_services_log_JSON_and_send_traces_only_where_a_collector_is_configured()
    {
        var manifests = await RenderAsync("default", "--set", "observability.otlpEndpoint=http://otel-collector.monitoring:4317");
        var plain = await Chart.RenderAsync("default");

        foreach (var workload in new[] { "gateway", "approvals", "governance", "talent", "livelihood" })
        {
            Assert.Equal("json", Config(manifests, workload)["Logging__Console__FormatterName"]);
            Assert.Equal("http://otel-collector.monitoring:4317", Config(manifests, workload)["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.False(Config(plain, workload).ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
    }

    [Theory]
    [MemberData(nameof(Chart.Profiles), MemberType = typeof(Chart))]
    public async Task Every_workload_waits_before_stopping_and_gets_a_grace_period_covering_the_wait_and_the_drain(string profile)
    {
        var manifests = await Chart.RenderAsync(profile);

        foreach (var deployment in manifests.All<V1Deployment>())
        {
            var pod = deployment.Spec.Template.Spec;
            var wait = pod.Containers[0].Lifecycle?.PreStop?.Sleep?.Seconds;
            var drain = int.Parse(Config(manifests, deployment.Metadata.Name[(Chart.Release.Length + 1)..])["DOTNET_SHUTDOWNTIMEOUTSECONDS"]);
            Assert.True(wait >= 5, $"{deployment.Metadata.Name}: preStop {wait}");
            Assert.True(pod.TerminationGracePeriodSeconds > wait + drain,
                $"{deployment.Metadata.Name}: grace {pod.TerminationGracePeriodSeconds} s for a {wait} s wait and a {drain} s drain");
        }
        var longer = await RenderAsync(profile, "--set", "defaults.shutdown.preStopSeconds=20", "--set", "defaults.shutdown.shutdownTimeoutSeconds=40");
        Assert.All(longer.All<V1Deployment>(), d => Assert.Equal(65, d.Spec.Template.Spec.TerminationGracePeriodSeconds));
    }

    [Fact]
    public async Task An_HTTPRoute_routes_the_API_and_its_documentation_to_the_gateway_beside_or_instead_of_the_Ingress()
    {
        var manifests = await RenderAsync("default", "--set", "httpRoute.enabled=true", "--set", "ingress.enabled=false",
            "--set", "httpRoute.parentRefs[0].name=public", "--set", "httpRoute.parentRefs[0].namespace=gateway-system",
            "--set", "httpRoute.hostnames[0]=api.longgang.example");

        var route = Assert.Single(manifests.All<HttpRoute>());
        Assert.Empty(manifests.All<V1Ingress>());
        Assert.Equal("public", route.Spec.ParentRefs.Single()["name"].ToString());
        Assert.Equal(["api.longgang.example"], route.Spec.Hostnames);
        var rule = Assert.Single(route.Spec.Rules);
        Assert.Equal(["/api/", "/openapi/", "/docs"], rule.Matches.Select(m => m.Path!.Value));
        Assert.All(rule.Matches, m => Assert.Equal("PathPrefix", m.Path!.Type));
        Assert.Equal(($"{Chart.Release}-gateway", 8080), (rule.BackendRefs.Single().Name, rule.BackendRefs.Single().Port));
        Assert.Empty((await Chart.RenderAsync("default")).All<HttpRoute>());
        Assert.NotEqual(0, (await TemplateWithAsync("default", "httpRoute:\n  enabled: true\n")).ExitCode);
    }

    [Fact]
    public async Task The_Dapr_sidecar_gets_requests_and_limits_so_the_autoscaler_can_compute_utilisation()
    {
        var prod = await Chart.RenderAsync("prod");

        var approvals = prod.All<V1Deployment>().Single(d => d.Metadata.Name.EndsWith("-approvals", StringComparison.Ordinal));
        var annotations = approvals.Spec.Template.Metadata.Annotations;
        Assert.Equal("true", annotations["dapr.io/enabled"]);
        Assert.Equal(("50m", "64Mi", "500m", "256Mi"), (annotations["dapr.io/sidecar-cpu-request"], annotations["dapr.io/sidecar-memory-request"],
            annotations["dapr.io/sidecar-cpu-limit"], annotations["dapr.io/sidecar-memory-limit"]));
        Assert.NotEqual(0, (await TemplateWithAsync("default", "defaults:\n  dapr:\n    sidecarResources:\n      requests: {cpu: null}\n")).ExitCode);
    }

    [Fact]
    public async Task Secret_key_names_follow_the_values_so_an_ExternalSecret_can_write_them()
    {
        var manifests = await RenderAsync("default", "--set", "secrets.name=longgang.platform-v2",
            "--set", "secrets.keys.signingKey=jwt_key", "--set", "secrets.keys.databases.talent=TALENT_DB", "--set", "secrets.keys.redis=redis.conn");

        var talent = manifests.All<V1Deployment>().Single(d => d.Metadata.Name.EndsWith("-talent", StringComparison.Ordinal)).Spec.Template.Spec.Containers[0].Env;
        Assert.Equal(("longgang.platform-v2", "TALENT_DB"), (talent.Single(e => e.Name == "ConnectionStrings__talent").ValueFrom.SecretKeyRef.Name,
            talent.Single(e => e.Name == "ConnectionStrings__talent").ValueFrom.SecretKeyRef.Key));
        Assert.Equal("jwt_key", talent.Single(e => e.Name == "Auth__SigningKey").ValueFrom.SecretKeyRef.Key);
        Assert.Equal("redis.conn", talent.Single(e => e.Name == "ConnectionStrings__redis").ValueFrom.SecretKeyRef.Key);
        var migrate = manifests.All<V1Job>().Single(j => j.Metadata.Name.EndsWith("-talent-migrate", StringComparison.Ordinal)).Spec.Template.Spec.Containers[0].Env;
        Assert.Equal("TALENT_DB", migrate.Single(e => e.Name == "ConnectionStrings__talent").ValueFrom.SecretKeyRef.Key);
        Assert.Equal("approvals-db", manifests.All<V1Deployment>().Single(d => d.Metadata.Name.EndsWith("-approvals", StringComparison.Ordinal))
            .Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == "ConnectionStrings__approvals").ValueFrom.SecretKeyRef.Key);
    }

    [Fact]
    public async Task Topology_spread_priority_labels_annotations_volumes_and_env_reach_the_pods()
    {
        var result = await TemplateWithAsync("default", """
            commonLabels: {cost-centre: "city-it"}
            defaults:
              priorityClassName: longgang-critical
              topologySpreadConstraints:
                - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}
              podLabels: {sidecar.istio.io/inject: "false"}
              annotations: {reloader.stakater.com/auto: "true"}
              podAnnotations: {backup.velero.io/backup-volumes: "tmp"}
              extraVolumes:
                - name: ca
                  configMap: {name: city-ca}
              extraVolumeMounts:
                - {name: ca, mountPath: /etc/ssl/city, readOnly: true}
              env:
                - {name: SSL_CERT_DIR, value: /etc/ssl/city}
            """);
        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Manifests.Load(result.Output);

        foreach (var deployment in manifests.All<V1Deployment>())
        {
            var pod = deployment.Spec.Template;
            Assert.Equal("longgang-critical", pod.Spec.PriorityClassName);
            var spread = Assert.Single(pod.Spec.TopologySpreadConstraints);
            // a constraint without a selector spreads the workload's own pods
            Assert.Equal(pod.Metadata.Labels["app.kubernetes.io/name"], spread.LabelSelector.MatchLabels["app.kubernetes.io/name"]);
            Assert.Equal("false", pod.Metadata.Labels["sidecar.istio.io/inject"]);
            Assert.Equal("city-it", pod.Metadata.Labels["cost-centre"]);
            Assert.Equal("true", deployment.Metadata.Annotations["reloader.stakater.com/auto"]);
            Assert.Equal("tmp", pod.Metadata.Annotations["backup.velero.io/backup-volumes"]);
            Assert.Contains(pod.Spec.Volumes, v => v.Name == "ca" && v.ConfigMap?.Name == "city-ca");
            Assert.Contains(pod.Spec.Containers[0].VolumeMounts, m => m.Name == "ca" && m.MountPath == "/etc/ssl/city");
            Assert.Contains(pod.Spec.Containers[0].Env, e => e.Name == "SSL_CERT_DIR");
            // the selector stays the chart's
            Assert.Equal(2, deployment.Spec.Selector.MatchLabels.Count);
        }
        Assert.All(manifests.All<V1Service>(), s => Assert.Equal("city-it", s.Metadata.Labels["cost-centre"]));
        Assert.All(manifests.All<V1Job>(), j => Assert.Equal("longgang-critical", j.Spec.Template.Spec.PriorityClassName));
    }

    [Fact]
    public async Task A_backup_CronJob_dumps_every_services_database_to_the_volume_as_the_non_root_user()
    {
        var manifests = await RenderAsync("default", "--set", "backup.enabled=true", "--set", "backup.existingClaim=longgang-backups");

        var cron = Assert.Single(manifests.All<V1CronJob>());
        Assert.Equal("Forbid", cron.Spec.ConcurrencyPolicy);
        var pod = cron.Spec.JobTemplate.Spec.Template.Spec;
        Assert.Equal("longgang-backups", pod.Volumes.Single(v => v.Name == "backup").PersistentVolumeClaim.ClaimName);
        var container = Assert.Single(pod.Containers);
        Assert.Contains("pg_dump --format=custom", container.Command[2]);
        Assert.Equal("approvals governance livelihood talent", container.Env.Single(e => e.Name == "DATABASES").Value);
        foreach (var service in new[] { "approvals", "governance", "livelihood", "talent" })
            Assert.Equal($"{service}-db", container.Env.Single(e => e.Name == $"DB_{service}").ValueFrom.SecretKeyRef.Key);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Empty((await Chart.RenderAsync("default")).All<V1CronJob>());
        Assert.NotEqual(0, (await TemplateWithAsync("default", "backup:\n  enabled: true\n")).ExitCode);
    }
}
