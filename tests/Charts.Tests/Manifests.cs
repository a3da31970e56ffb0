using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace Longgang.Charts.Tests;

/// <summary>
/// Rendered manifests, loaded the way a strict client would: every document becomes its Kubernetes model type
/// (KubernetesClient, strict: an unknown or misspelt field fails) and passes the model's own Validate() (required
/// fields). <see cref="AssertSchemaValidAsync"/> adds the JSON-schema check (types, enums) that a typed load does
/// not make. Together they are ../shared/infra/helm-check.sh, inside the test run.
/// </summary>
public sealed partial class Manifests
{
    /// <summary>Custom resources the manifests may contain, with a model so that they load strictly too.</summary>
    private static readonly Dictionary<string, Type> CustomTypes = new()
    {
        ["dapr.io/v1alpha1/Component"] = typeof(DaprComponent),
        ["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(ServiceMonitor),
        ["monitoring.coreos.com/v1/PodMonitor"] = typeof(ServiceMonitor),
        ["monitoring.coreos.com/v1/PrometheusRule"] = typeof(PrometheusRule),
        ["gateway.networking.k8s.io/v1/HTTPRoute"] = typeof(HttpRoute),
    };

    private Manifests(string yaml, IReadOnlyList<object> objects)
    {
        Yaml = yaml;
        Objects = objects;
    }

    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public static Manifests Load(string yaml)
    {
        var objects = KubernetesYaml.LoadAllFromString(yaml, CustomTypes, strict: true);
        foreach (var o in objects)
        {
            try
            {
                o.GetType().GetMethod("Validate", Type.EmptyTypes)?.Invoke(o, null);
            }
            catch (TargetInvocationException e)
            {
                throw new InvalidOperationException($"{Describe(o)}: {e.InnerException?.Message}", e.InnerException);
            }
        }
        return new Manifests(yaml, objects);
    }

    public static string Describe(object o) =>
        o is IKubernetesObject<V1ObjectMeta> k ? $"{k.Kind}/{k.Metadata?.Name}" : o.GetType().Name;

    /// <summary>
    /// Every built-in object against the Kubernetes JSON schemas (the npm package kubernetes-models, as in
    /// ../shared/infra/k8s-validate-node). Custom resources have no schema there; their strict load stands in.
    /// </summary>
    public async Task AssertSchemaValidAsync()
    {
        var builtIn = DocumentSeparator().Split(Yaml)
            .Where(doc => !string.IsNullOrWhiteSpace(doc) && !CustomResource().IsMatch(doc));
        var file = Path.Combine(Directory.CreateTempSubdirectory("charts-tests-").FullName, "manifests.yaml");
        await File.WriteAllTextAsync(file, string.Join("\n---\n", builtIn));
        try
        {
            var validator = await SchemaValidator.Value;
            var result = await Tools.RunAsync(Tools.Node, ["validate.mjs", file], validator);
            Assert.True(result.ExitCode == 0, $"schema check failed:\n{result.Error}\n{result.Output}");
            Assert.DoesNotContain(" 0 valid", result.Output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^apiVersion:\s*(dapr\.io|monitoring\.coreos\.com|gateway\.networking\.k8s\.io)/", RegexOptions.Multiline)]
    private static partial Regex CustomResource();

    /// <summary>
    /// The validator's packages, installed once per lock file into the user's cache (not the repository) with
    /// <c>npm ci</c>, which installs exactly what package-lock.json pins.
    /// </summary>
    private static readonly Lazy<Task<string>> SchemaValidator = new(async () =>
    {
        var source = Path.Combine(AppContext.BaseDirectory, "schema-check");
        var lockHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            await File.ReadAllBytesAsync(Path.Combine(source, "package-lock.json"))))[..12];
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var dir = Path.Combine(cache, "longgang-platform", $"schema-check-{lockHash}");
        Directory.CreateDirectory(dir);
        foreach (var name in new[] { "package.json", "package-lock.json", "validate.mjs" })
            File.Copy(Path.Combine(source, name), Path.Combine(dir, name), overwrite: true);
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "kubernetes-models")))
            await Tools.RunOrFailAsync(Tools.Npm, ["ci", "--no-audit", "--no-fund", "--silent"], dir);
        return dir;
    }, LazyThreadSafetyMode.ExecutionAndPublication);
}

/// <summary>A Dapr component (dapr.io/v1alpha1), enough of it for a strict load: an unknown field fails.</summary>
public sealed class DaprComponent : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public DaprComponentSpec Spec { get; set; } = new();
    [JsonPropertyName("scopes")] public List<string>? Scopes { get; set; }
    [JsonPropertyName("auth")] public Dictionary<string, string>? Auth { get; set; }

    public void Validate()
    {
        if (string.IsNullOrEmpty(Metadata.Name)) throw new InvalidOperationException("a Dapr component needs a name");
        if (string.IsNullOrEmpty(Spec.Type) || string.IsNullOrEmpty(Spec.Version))
            throw new InvalidOperationException($"Dapr component {Metadata.Name} needs spec.type and spec.version");
    }
}

public sealed class DaprComponentSpec
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("version")] public string Version { get; set; } = "";
    [JsonPropertyName("ignoreErrors")] public bool? IgnoreErrors { get; set; }
    [JsonPropertyName("initTimeout")] public string? InitTimeout { get; set; }
    [JsonPropertyName("metadata")] public List<DaprMetadataItem> Metadata { get; set; } = [];
}

public sealed class DaprMetadataItem
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("secretKeyRef")] public Dictionary<string, string>? SecretKeyRef { get; set; }
}

/// <summary>The chart rendered with a profile (values-dev.yaml, values-prod.yaml, or the defaults alone).</summary>
public static class Chart
{
    public const string Release = "platform";
    public const string Namespace = "longgang";
    public static readonly TheoryData<string> Profiles = ["default", "dev", "prod"];

    private static readonly ConcurrentDictionary<string, Lazy<Task<Manifests>>> Rendered = new();

    /// <summary>The example site file a production install adds to values-prod.yaml (its registry, OIDC authority, ...).</summary>
    public static string ProductionSite => Path.Combine(Repo.Chart, "examples", "site-prod.yaml");

    public static IEnumerable<string> ProfileArguments(string profile) => profile switch
    {
        "default" => [],
        // values-prod.yaml alone is refused on purpose: the site's own values are required (ChartProductionTests)
        "prod" => ["-f", Path.Combine(Repo.Chart, "values-prod.yaml"), "-f", ProductionSite],
        _ => ["-f", Path.Combine(Repo.Chart, $"values-{profile}.yaml")],
    };

    /// <summary>helm template, once per profile and test run.</summary>
    public static Task<Manifests> RenderAsync(string profile)
    {
        var helm = Tools.Helm; // skips (or fails) here, on the test's thread, when helm is missing
        return Rendered.GetOrAdd(profile, p => new Lazy<Task<Manifests>>(async () =>
            Manifests.Load(await Tools.RunOrFailAsync(helm, TemplateArguments(p, [])))))
            .Value;
    }

    /// <summary>helm template with extra arguments (e.g. --set, -f), not cached.</summary>
    public static Task<ToolResult> TemplateAsync(string profile, params string[] extra) =>
        Tools.RunAsync(Tools.Helm, TemplateArguments(profile, extra));

    private static IEnumerable<string> TemplateArguments(string profile, IEnumerable<string> extra) =>
        new[] { "template", Release, Repo.Chart, "--namespace", Namespace }.Concat(ProfileArguments(profile)).Concat(extra);
}
