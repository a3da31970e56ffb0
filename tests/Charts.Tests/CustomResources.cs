using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Longgang.Charts.Tests;

// The custom resources the chart renders (Prometheus Operator, Gateway API), enough of each for a strict load: an
// unknown or misspelt field fails, and Validate() checks what the operator or controller would refuse.

/// <summary>A ServiceMonitor or a PodMonitor (monitoring.coreos.com/v1): they differ in the endpoints' field name.</summary>
public sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public MonitorSpec Spec { get; set; } = new();

    public IReadOnlyList<MonitorEndpoint> Endpoints => (Kind == "PodMonitor" ? Spec.PodMetricsEndpoints : Spec.Endpoints) ?? [];

    public void Validate()
    {
        if (Spec.Selector is null) throw new InvalidOperationException($"{Kind} {Metadata.Name} needs a selector");
        if (Endpoints.Count == 0 || Endpoints.Any(e => string.IsNullOrEmpty(e.Port)))
            throw new InvalidOperationException($"{Kind} {Metadata.Name} needs endpoints with a port name");
    }
}

public sealed class MonitorSpec
{
    [JsonPropertyName("selector")] public V1LabelSelector? Selector { get; set; }
    [JsonPropertyName("namespaceSelector")] public MonitorNamespaceSelector? NamespaceSelector { get; set; }
    [JsonPropertyName("endpoints")] public List<MonitorEndpoint>? Endpoints { get; set; }
    [JsonPropertyName("podMetricsEndpoints")] public List<MonitorEndpoint>? PodMetricsEndpoints { get; set; }
}

public sealed class MonitorNamespaceSelector
{
    [JsonPropertyName("matchNames")] public List<string>? MatchNames { get; set; }
    [JsonPropertyName("any")] public bool? Any { get; set; }
}

public sealed class MonitorEndpoint
{
    [JsonPropertyName("port")] public string Port { get; set; } = "";
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("interval")] public string? Interval { get; set; }
    [JsonPropertyName("relabelings")] public List<Relabeling>? Relabelings { get; set; }
}

public sealed class Relabeling
{
    [JsonPropertyName("sourceLabels")] public List<string>? SourceLabels { get; set; }
    [JsonPropertyName("targetLabel")] public string? TargetLabel { get; set; }
    [JsonPropertyName("regex")] public string? Regex { get; set; }
    [JsonPropertyName("replacement")] public string? Replacement { get; set; }
    [JsonPropertyName("action")] public string? Action { get; set; }
}

/// <summary>A PrometheusRule (monitoring.coreos.com/v1); promtool checks the rules themselves.</summary>
public sealed class PrometheusRule : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public PrometheusRuleSpec Spec { get; set; } = new();

    public void Validate()
    {
        if (Spec.Groups.Count == 0 || Spec.Groups.Any(g => g.Rules.Count == 0))
            throw new InvalidOperationException($"PrometheusRule {Metadata.Name} needs groups with rules");
    }
}

public sealed class PrometheusRuleSpec
{
    [JsonPropertyName("groups")] public List<RuleGroup> Groups { get; set; } = [];
}

public sealed class RuleGroup
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("interval")] public string? Interval { get; set; }
    [JsonPropertyName("rules")] public List<AlertRule> Rules { get; set; } = [];
}

public sealed class AlertRule
{
    [JsonPropertyName("alert")] public string? Alert { get; set; }
    [JsonPropertyName("record")] public string? Record { get; set; }
    [JsonPropertyName("expr")] public string Expr { get; set; } = "";
    [JsonPropertyName("for")] public string? For { get; set; }
    [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
}

/// <summary>A Gateway API HTTPRoute (gateway.networking.k8s.io/v1), the parts the chart uses.</summary>
public sealed class HttpRoute : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public HttpRouteSpec Spec { get; set; } = new();

    public void Validate()
    {
        if (Spec.ParentRefs.Count == 0) throw new InvalidOperationException($"HTTPRoute {Metadata.Name} needs a parentRef");
        if (Spec.Rules.Any(r => r.BackendRefs.Any(b => b.Port is null)))
            throw new InvalidOperationException($"HTTPRoute {Metadata.Name}: a Service backend needs a port");
    }
}

public sealed class HttpRouteSpec
{
    [JsonPropertyName("parentRefs")] public List<Dictionary<string, object>> ParentRefs { get; set; } = [];
    [JsonPropertyName("hostnames")] public List<string>? Hostnames { get; set; }
    [JsonPropertyName("rules")] public List<HttpRouteRule> Rules { get; set; } = [];
}

public sealed class HttpRouteRule
{
    [JsonPropertyName("matches")] public List<HttpRouteMatch> Matches { get; set; } = [];
    [JsonPropertyName("backendRefs")] public List<HttpBackendRef> BackendRefs { get; set; } = [];
}

public sealed class HttpRouteMatch
{
    [JsonPropertyName("path")] public HttpPathMatch? Path { get; set; }
}

public sealed class HttpPathMatch
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("value")] public string Value { get; set; } = "";
}

public sealed class HttpBackendRef
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("port")] public int? Port { get; set; }
}
