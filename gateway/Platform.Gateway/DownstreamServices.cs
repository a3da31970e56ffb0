using Google.Api;
using Google.Protobuf.Reflection;
using Longgang.Approvals.Contracts.V1;
using Longgang.Governance.Contracts.V1;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Talent.Contracts.V1;

namespace Longgang.Gateway;

/// <summary>A service behind the gateway: its public name, its proto file, and where it listens.</summary>
public sealed record DownstreamService(string Name, FileDescriptor Proto, Uri HttpAddress, Uri GrpcAddress)
{
    /// <summary>The REST prefix every one of its transcoded routes starts with.</summary>
    public string RestPrefix => $"/api/{Name}";

    /// <summary>Full gRPC service names, e.g. <c>longgang.approvals.v1.ApprovalsService</c>: the first segment of a gRPC path.</summary>
    public IEnumerable<string> GrpcServiceNames => Proto.Services.Select(s => s.FullName);

    /// <summary>The REST prefix of the routes anonymous callers may use (public boards and counts).</summary>
    public string PublicRestPrefix => $"{RestPrefix}/v1/public";

    /// <summary>
    /// gRPC paths (<c>/{service}/{method}</c>) of the methods whose REST route is public: the contract says which
    /// methods are open to anonymous callers, so the gRPC side cannot drift from the REST side.
    /// </summary>
    public IEnumerable<string> PublicGrpcPaths => Proto.Services
        .SelectMany(s => s.Methods)
        .Where(m => PublicRoutes.IsPublic(m))
        .Select(m => $"/{m.Service.FullName}/{m.Name}");
}

/// <summary>Which routes anonymous callers may use: those under <c>/api/{service}/v1/public/</c>.</summary>
public static class PublicRoutes
{
    public static bool IsPublic(string restTemplate) =>
        restTemplate.StartsWith("/api/", StringComparison.Ordinal) && restTemplate.Contains("/v1/public/", StringComparison.Ordinal);

    public static bool IsPublic(MethodDescriptor method) =>
        method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is { } rule
        && new[] { rule }.Concat(rule.AdditionalBindings).Any(binding => IsPublic(Template(binding)));

    public static string Template(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => rule.Get,
        HttpRule.PatternOneofCase.Post => rule.Post,
        HttpRule.PatternOneofCase.Put => rule.Put,
        HttpRule.PatternOneofCase.Delete => rule.Delete,
        HttpRule.PatternOneofCase.Patch => rule.Patch,
        HttpRule.PatternOneofCase.Custom => rule.Custom.Path,
        _ => "",
    };
}

public static class DownstreamServices
{
    /// <summary>
    /// The one table of services: routes, clusters, health checks and the OpenAPI document all come from it,
    /// and the gRPC names come from the contracts themselves, so nothing can drift from the services.
    /// </summary>
    public static IReadOnlyList<(string Name, FileDescriptor Proto)> Catalogue { get; } =
    [
        ("approvals", ApprovalsReflection.Descriptor),
        ("governance", GovernanceReflection.Descriptor),
        ("talent", TalentReflection.Descriptor),
        ("livelihood", LivelihoodReflection.Descriptor),
    ];

    /// <summary>
    /// Addresses from <c>Gateway:Services:{name}:Http</c> and <c>:Grpc</c>; the defaults are the Kubernetes
    /// service names on the services' default ports.
    /// </summary>
    public static IReadOnlyList<DownstreamService> From(IConfiguration configuration) =>
        Catalogue.Select(entry =>
        {
            var section = configuration.GetSection($"Gateway:Services:{entry.Name}");
            return new DownstreamService(entry.Name, entry.Proto,
                new Uri(section["Http"] ?? $"http://{entry.Name}:8080"),
                new Uri(section["Grpc"] ?? $"http://{entry.Name}:8081"));
        }).ToArray();
}
