namespace Longgang.Charts.Tests;

/// <summary>values.schema.json: a mistake in values stops `helm install` instead of deploying something else.</summary>
public sealed class ChartSchemaTests
{
    public static readonly TheoryData<string, string> BadValues = new()
    {
        { "a misspelt top-level key", "ingres:\n  enabled: false\n" },
        { "a misspelt workload setting", "workloads:\n  gateway:\n    replicas: 3\n" },
        { "an unknown workload", "workloads:\n  approval:\n    replicaCount: 2\n" },
        { "the latest tag", "defaults:\n  image:\n    tag: latest\n" },
        { "a replica count that is not a number", "defaults:\n  replicaCount: two\n" },
        { "a container without limits", "defaults:\n  resources:\n    limits: null\n" },
        { "a pod that may run as root", "podSecurityContext:\n  runAsNonRoot: false\n" },
        { "a connection string in a ConfigMap", "workloads:\n  talent:\n    config:\n      \"ConnectionStrings:talent\": \"Host=db;Password=x\"\n" },
        { "a signing key as an env literal", "workloads:\n  talent:\n    env:\n      - {name: Auth__SigningKey, value: not-in-the-pod-spec}\n" },
        { "a number where configuration wants a string", "workloads:\n  gateway:\n    config:\n      \"Gateway:RateLimit:PermitLimit\": 250\n" },
        { "a calendar year that is not a year", "calendar:\n  years:\n    next: '{}'\n" },
        { "a calendar year that is not text", "calendar:\n  years:\n    \"2027\": {year: 2027}\n" },
        // .NET configuration keys are case-insensitive, so the secret checks are too
        { "a connection string in lower case", "workloads:\n  talent:\n    config:\n      \"connectionstrings:talent\": \"Host=db\"\n" },
        { "a connection string with the env separator", "workloads:\n  talent:\n    config:\n      \"CONNECTIONSTRINGS__talent\": \"Host=db\"\n" },
        { "a signing key in odd case", "workloads:\n  talent:\n    config:\n      \"auth:signingKEY\": \"k\"\n" },
        { "a signing key env literal in lower case", "workloads:\n  talent:\n    env:\n      - {name: auth__signingkey, value: k}\n" },
        { "a connection string env literal in lower case", "workloads:\n  talent:\n    env:\n      - {name: connectionstrings__talent, value: \"Host=db\"}\n" },
        { "a password inside another setting", "workloads:\n  talent:\n    config:\n      \"Reports:Store\": \"Host=db;PASSWORD=x\"\n" },
        { "credentials in a URI setting", "workloads:\n  talent:\n    config:\n      \"Reports:Url\": \"amqp://user:secret@mq/\"\n" },
        { "a misspelt EnvVar field", "workloads:\n  talent:\n    env:\n      - {name: A, valu: b}\n" },
        { "a pod label that would hijack the selector", "defaults:\n  podLabels:\n    app.kubernetes.io/name: other\n" },
        { "a common label that would hijack the selector", "commonLabels:\n  app.kubernetes.io/instance: other\n" },
        { "a label value that is too long", "commonLabels:\n  team: " + new string('x', 64) + "\n" },
        { "a spread constraint without whenUnsatisfiable", "defaults:\n  topologySpreadConstraints:\n    - {maxSkew: 1, topologyKey: zone}\n" },
        { "a priority class that is no name", "defaults:\n  priorityClassName: Critical_Class\n" },
        { "a hostPath volume", "defaults:\n  extraVolumes:\n    - {name: host, hostPath: {path: /}}\n" },
        { "a volume mount without a path", "defaults:\n  extraVolumeMounts:\n    - {name: ca}\n" },
        { "an annotation that is not text", "defaults:\n  annotations:\n    a: 1\n" },
        { "an unknown monitor kind", "observability:\n  monitor:\n    kind: Probe\n" },
        { "an error ratio above one", "observability:\n  alerts:\n    thresholds:\n      errorRatio: 5\n" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_is_refused(string what, string values)
    {
        var result = await TemplateWithAsync(values);

        Assert.True(result.ExitCode != 0, $"{what} was accepted");
        Assert.Contains("schema", result.Error);
    }

    [Fact]
    public async Task The_same_places_accept_good_values()
    {
        // the refusals above are about the values, not about overriding at all
        var result = await TemplateWithAsync(
            "workloads:\n  gateway:\n    replicaCount: 3\n    config:\n      \"Gateway:RateLimit:PermitLimit\": \"250\"\n" +
            "  talent:\n    env:\n      - name: Auth__SigningKey\n        valueFrom: {secretKeyRef: {name: other, key: k}}\n" +
            "defaults:\n  image:\n    tag: \"2026.11.3\"\n");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static async Task<ToolResult> TemplateWithAsync(string values)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("charts-tests-").FullName, "values.yaml");
        await File.WriteAllTextAsync(file, values);
        try
        {
            return await Chart.TemplateAsync("default", "-f", file);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public async Task Calendar_year_files_are_mounted_into_every_service_with_a_database_and_nowhere_else()
    {
        var result = await TemplateWithAsync(
            "calendar:\n  years:\n    \"2027\": '{\"year\":2027,\"source\":\"s\",\"holidays\":[],\"makeUpWorkdays\":[]}'\n");
        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Manifests.Load(result.Output);

        var years = Assert.Single(manifests.All<k8s.Models.V1ConfigMap>(), c => c.Metadata.Name == $"{Chart.Release}-calendar-years");
        Assert.Contains("\"year\":2027", years.Data["2027.json"]);
        foreach (var deployment in manifests.All<k8s.Models.V1Deployment>())
        {
            var pod = deployment.Spec.Template.Spec;
            var mounted = pod.Volumes.Any(v => v.ConfigMap?.Name == years.Metadata.Name);
            var directory = pod.Containers[0].Env.FirstOrDefault(e => e.Name == "Calendar__Directory")?.Value;
            var isGateway = deployment.Metadata.Name.EndsWith("-gateway", StringComparison.Ordinal);
            Assert.Equal(!isGateway, mounted);
            Assert.Equal(isGateway ? null : "/etc/longgang/calendar", directory);
            if (!isGateway)
                Assert.Contains(pod.Containers[0].VolumeMounts, m => m.MountPath == directory && m.ReadOnlyProperty == true);
        }
    }
}
