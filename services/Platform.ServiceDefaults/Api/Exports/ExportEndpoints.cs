using System.Text.RegularExpressions;
using HttpRule = Google.Api.HttpRule;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace Longgang.Platform.Api.Exports;

/// <summary>
/// <c>GET {list route}:export?format=csv|xlsx&amp;{the list's filters}</c> for every transcoded <c>List*</c> and
/// <c>Get*Report</c> rpc bound to a GET: the exports are derived from the gRPC routes themselves, so a new list is
/// exportable without a line of its own, with the list's own filters and the same access rules (the same method is
/// called, as the same caller; the route carries the same authorization metadata).
/// </summary>
public static class ExportEndpoints
{
    public const string Suffix = ":export";

    /// <summary>Whether an rpc's GET route has an export twin.</summary>
    public static bool IsExported(string methodName) =>
        methodName.StartsWith("List", StringComparison.Ordinal) || (methodName.StartsWith("Get", StringComparison.Ordinal) && methodName.EndsWith("Report", StringComparison.Ordinal));

    /// <summary>Adds the export routes of every gRPC service mapped on <paramref name="app"/>, whenever it maps them.</summary>
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.DataSources.Add(new ExportEndpointDataSource(app.DataSources));
        return app;
    }

    /// <summary>
    /// The export routes, read from the other data sources when routing first asks (after every service has mapped
    /// its gRPC services, whatever the order of the Map* calls: the embedded host maps four services on one app).
    /// </summary>
    private sealed class ExportEndpointDataSource(ICollection<EndpointDataSource> sources) : EndpointDataSource
    {
        private readonly Lazy<IReadOnlyList<Endpoint>> _endpoints = new(() => sources
            .Where(source => source is not ExportEndpointDataSource)
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(Export)
            .OfType<Endpoint>()
            .ToArray());

        public override IReadOnlyList<Endpoint> Endpoints => _endpoints.Value;

        public override IChangeToken GetChangeToken() => new CancellationChangeToken(CancellationToken.None);
    }

    private static RouteEndpoint? Export(RouteEndpoint endpoint)
    {
        var transcoding = endpoint.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        var grpc = endpoint.Metadata.GetMetadata<GrpcMethodMetadata>();
        if (transcoding is null || grpc is null || transcoding.HttpRule.PatternCase != HttpRule.PatternOneofCase.Get) return null;
        var method = transcoding.MethodDescriptor;
        if (!IsExported(method.Name) || ExportTemplate.Parse(transcoding.HttpRule.Get) is not { } template) return null;

        var invoker = UnaryMethodInvoker.For(grpc.ServiceType, method.InputType.ClrType, method.OutputType.ClrType, method.Name);
        var handler = new ExportHandler(method, template.RouteFields, invoker);
        // the authorization metadata of the list itself: an anonymous public list exports anonymously, any other
        // needs what its rpc needs
        var metadata = endpoint.Metadata.Where(m => m is IAuthorizeData or IAllowAnonymous or IAuthorizationRequirementData or AuthorizationPolicy)
            .Append(new HttpMethodMetadata([HttpMethods.Get]))
            .Append(new ExportMetadata(method.FullName));
        return new RouteEndpoint(handler.HandleAsync, RoutePatternFactory.Parse(template.Route), endpoint.Order,
            new EndpointMetadataCollection(metadata), $"{method.FullName} export");
    }
}

/// <summary>Marks an export route (and names its rpc) for anything that must tell exports apart, such as the OpenAPI document.</summary>
public sealed record ExportMetadata(string RpcFullName);

/// <summary>
/// An http rule's GET path with <c>:export</c> appended, its <c>{field}</c> variables turned into route parameters.
/// Templates with wildcards (<c>{name=**}</c>) or a custom verb of their own are not exported.
/// </summary>
internal sealed partial record ExportTemplate(string Route, IReadOnlyDictionary<string, string> RouteFields)
{
    public static ExportTemplate? Parse(string path)
    {
        if (path.Contains(':', StringComparison.Ordinal) || path.Contains('*', StringComparison.Ordinal) || path.Contains('=', StringComparison.Ordinal)) return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var route = Variable().Replace(path, match =>
        {
            var parameter = $"p{fields.Count}";
            fields[parameter] = match.Groups[1].Value;
            return $"{{{parameter}}}";
        });
        return new ExportTemplate(route + ExportEndpoints.Suffix, fields);
    }

    [GeneratedRegex(@"\{([a-zA-Z0-9_.]+)\}")]
    private static partial Regex Variable();
}
