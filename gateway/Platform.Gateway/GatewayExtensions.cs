using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.RateLimiting;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Scalar.AspNetCore;
using StackExchange.Redis;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;

namespace Longgang.Gateway;

public static class GatewayExtensions
{
    /// <summary>Authorization policy of every proxied route: any valid token; the services check roles themselves.</summary>
    public const string AuthenticatedPolicy = "authenticated";

    /// <summary>YARP's built-in policy for routes open to anonymous callers.</summary>
    private const string AnonymousPolicy = "anonymous";

    /// <summary>Rate-limit policy of every proxied route: a fixed window per token subject, or per IP when anonymous.</summary>
    public const string PerClientRateLimitPolicy = "per-client";

    public const string OpenApiPath = "/openapi/v1.json";
    public const string DocsPath = "/docs";

    /// <summary>
    /// How often the services' names are resolved again with <c>Gateway:ResolveDestinationsByDns</c>: a new replica
    /// gets calls, and a stopping one stops getting them, within this time plus the DNS record's TTL (CoreDNS: 5 s);
    /// a service's preStop delay must be longer than the two together.
    /// </summary>
    public static readonly TimeSpan DnsRefreshPeriod = TimeSpan.FromSeconds(5);

    private const string CorsPolicy = "frontends";
    private const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// YARP routes and clusters for the four services, authorization and rate-limit policies, the OpenAPI document,
    /// readiness checks of the services, CORS for configured front ends, a request body limit, security headers and
    /// the <c>Idempotency-Key</c> store (Redis when <c>ConnectionStrings:redis</c> is set, memory otherwise).
    /// </summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = DownstreamServices.From(configuration);
        builder.Services.AddSingleton<IReadOnlyList<DownstreamService>>(services);

        var proxy = builder.Services.AddReverseProxy().LoadFromMemory(BuildRoutes(services), BuildClusters(services));
        // HTTP/2 carries every gRPC call over one connection per destination: behind one Service address all calls
        // would go to one pod. The chart points the gRPC addresses at headless Services, whose names resolve to every
        // ready pod; each pod becomes a destination of the cluster and the load-balancing policy spreads the calls.
        if (configuration.GetValue("Gateway:ResolveDestinationsByDns", false))
            proxy.AddDnsDestinationResolver(dns => dns.RefreshPeriod = DnsRefreshPeriod);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthenticatedPolicy, policy => policy.RequireAuthenticatedUser());
        // a gRPC call without a valid token: grpc-status 16 in the trailers, not a bare HTTP 401
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        // gRPC server reflection for the four services, answered by the gateway itself from their descriptors (each
        // service alone would list only its own), so grpcurl-style clients can list and describe the whole API here
        var descriptors = services.SelectMany(s => s.Proto.Services).ToArray();
        // other gRPC paths are the proxy's (or nobody's: a 404), not answered "unimplemented" by the gateway's own gRPC
        builder.Services.AddGrpc(options => options.IgnoreUnknownServices = true);
        builder.Services.AddSingleton(new Grpc.Reflection.ReflectionServiceImpl(descriptors));
        builder.Services.AddSingleton(new Grpc.Reflection.ReflectionV1ServiceImpl(descriptors));
        // a request's token is validated once, then answered from memory until it expires (ValidatedTokens)
        builder.Services.AddValidatedTokenCache();
        // The host's per-request activity and log scope exist for the framework's request logging (kept at Warning, so
        // never written) and for traces, which only an OTLP exporter asks for (then it creates the activity anyway).
        // Measured, they cost the proxy a tenth of its allocations per request. Start-up failures still end the
        // process with the exception on stderr.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.AddPerClientRateLimiting();
        builder.AddMyData();
        // registered first, so these run before CORS and everything else in the pipeline
        builder.Services.AddTransient<IStartupFilter, SecurityHeadersFirstStartupFilter>();

        builder.Services.AddSingleton<IIdempotencyStore>(provider =>
            string.IsNullOrWhiteSpace(configuration.GetConnectionString("redis"))
                ? new InMemoryIdempotencyStore(provider.GetRequiredService<TimeProvider>())
                : new RedisIdempotencyStore(provider.GetRequiredService<IConnectionMultiplexer>()));

        // 2 s per service, asked together: inside the readiness probe's 3 s timeout
        builder.Services.AddHttpClient(DownstreamHealthCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(2));
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            DownstreamHealthCheck.Name,
            provider => new DownstreamHealthCheck(provider.GetRequiredService<IHttpClientFactory>(), services),
            failureStatus: null,
            tags: [HealthTags.Ready]));

        var origins = configuration.GetSection("Gateway:Cors:AllowedOrigins").Get<string[]>() ?? [];
        if (origins.Length > 0)
        {
            builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins(origins)
                .AllowAnyMethod()
                .AllowAnyHeader()
                .WithExposedHeaders(CorrelationIdMiddleware.HeaderName, "Retry-After", IdempotencyMiddleware.ReplayedHeaderName)));
            // CORS must answer preflight requests before authentication rejects them (they carry no token), and
            // MapServiceDefaults has already added authentication by the time MapGateway runs: hence a startup filter,
            // which puts the CORS middleware at the very front of the pipeline.
            builder.Services.AddTransient<IStartupFilter, CorsFirstStartupFilter>();
        }

        // Behind the ingress controller the peer is the controller: trust its X-Forwarded-For (one hop) only when it
        // comes from the networks ops name, so rate limits and the audit log see the real client and nobody else
        // can claim to be someone else. Without the setting the peer address is used as it is.
        var trustedNetworks = configuration.GetSection("Gateway:ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in trustedNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });

        var maxBody = configuration.GetValue("Gateway:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = maxBody;
            // callers need not know what software answers them (see SecurityHeadersMiddleware for proxied responses)
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    /// <summary>The proxy, rate limiting, the OpenAPI document at <c>/openapi/v1.json</c> and its reference page at <c>/docs</c>.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        if (app.Configuration.GetSection("Gateway:ForwardedHeaders:KnownNetworks").Get<string[]>() is { Length: > 0 })
            app.UseForwardedHeaders();
        var maxBody = app.Configuration.GetValue("Gateway:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        // a file upload streams up to the file limit; every other body stays under the JSON limit
        var maxFile = app.Configuration.GetValue(Longgang.Platform.Files.FileLimits.ConfigurationKey, Longgang.Platform.Files.FileLimits.DefaultMaxBytes);
        app.Use((context, next) =>
        {
            var limit = FileOperations.IsUpload(context.Request) ? maxFile : maxBody;
            if (limit != maxBody && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = limit;
            if (context.Request.ContentLength <= limit || context.Request.ContentLength is null) return next(context);
            // refused before the body is read: the unread body makes the connection unusable, so say it will close
            context.Response.Headers.Connection = "close";
            return WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
                new LocalText("The request body may be at most {0} bytes.", limit));
        });
        app.UseRateLimiter();
        // after authentication (keys count per caller) and the rate limit (a replay is a request too), before the proxy
        app.UseMiddleware<IdempotencyMiddleware>();

        var document = ProtoOpenApiGenerator.Generate(DownstreamServices.Catalogue.Select(s => s.Proto), "Longgang platform API", "v1");
        // built once: the document only changes when the contracts do, i.e. with a new build
        var documentJson = document.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            // served as UTF-8 JSON, never embedded in HTML: keep backticks and non-ASCII text readable
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        app.MapGet(OpenApiPath, () => Results.Text(documentJson, "application/json"))
            .AllowAnonymous()
            .RequireRateLimiting(PerClientRateLimitPolicy)
            .ExcludeFromDescription();
        app.MapScalarApiReference(DocsPath, options => options
                .WithTitle("Longgang platform API")
                // the page's scripts are served by the package itself; without this it would also fetch web fonts
                .DisableDefaultFonts()
                .WithOpenApiRoutePattern(OpenApiPath))
            .AllowAnonymous();

        app.MapGrpcService<Grpc.Reflection.ReflectionServiceImpl>().AllowAnonymous().RequireRateLimiting(PerClientRateLimitPolicy);
        app.MapGrpcService<Grpc.Reflection.ReflectionV1ServiceImpl>().AllowAnonymous().RequireRateLimiting(PerClientRateLimitPolicy);
        app.MapMyData();
        app.MapReverseProxy();
        return app;
    }

    // Every route needs a valid token except the public ones (REST under /api/{service}/v1/public/ and the gRPC
    // methods bound to them), which YARP's "anonymous" policy opens; the services still check each method themselves
    // ([AllowAnonymous] on the public ones). A literal gRPC path outranks the service's catch-all route.
    private static IReadOnlyList<RouteConfig> BuildRoutes(IEnumerable<DownstreamService> services) =>
        services.SelectMany(service => service.GrpcServiceNames
            .Select(grpcName => Route($"{service.Name}-grpc-{grpcName}", $"{service.Name}-grpc",
                // gRPC paths are "/{package}.{Service}/{Method}"; a template cannot match a prefix inside a segment
                $"/{grpcName}/{{**method}}", AuthenticatedPolicy))
            .Concat(service.PublicGrpcPaths.Select(path => Route($"{service.Name}-grpc-public{path}", $"{service.Name}-grpc", path, AnonymousPolicy)))
            // the services' transcoded routes carry the public prefix themselves: forwarded unchanged
            .Prepend(Route($"{service.Name}-rest-public", $"{service.Name}-rest", $"{service.PublicRestPrefix}/{{**rest}}", AnonymousPolicy))
            .Prepend(Route($"{service.Name}-rest", $"{service.Name}-rest", $"{service.RestPrefix}/{{**rest}}", AuthenticatedPolicy)))
            .ToArray();

    private static RouteConfig Route(string id, string cluster, string path, string authorization) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Match = new RouteMatch { Path = path },
        AuthorizationPolicy = authorization,
        // anonymous callers are limited per IP address
        RateLimiterPolicy = PerClientRateLimitPolicy,
    };

    private static IReadOnlyList<ClusterConfig> BuildClusters(IEnumerable<DownstreamService> services) =>
        services.SelectMany(service => new[]
        {
            new ClusterConfig
            {
                ClusterId = $"{service.Name}-rest",
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["primary"] = new() { Address = service.HttpAddress.ToString() },
                },
                // the services' REST port speaks HTTP/1.1 only
                HttpRequest = new ForwarderRequestConfig
                {
                    Version = HttpVersion.Version11,
                    VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
                },
            },
            new ClusterConfig
            {
                ClusterId = $"{service.Name}-grpc",
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["primary"] = new() { Address = service.GrpcAddress.ToString() },
                },
                // several destinations when the name resolves to several replicas: each call goes to the less busy
                // of two picked at random
                LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,
                // the services' gRPC port speaks HTTP/2 only (h2c): never let the client downgrade
                HttpRequest = new ForwarderRequestConfig
                {
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                },
            },
        }).ToArray();

    private static void AddPerClientRateLimiting(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Gateway:RateLimit");
        var permitLimit = section.GetValue("PermitLimit", 100);
        var window = TimeSpan.FromSeconds(section.GetValue("WindowSeconds", 10));
        if (permitLimit < 1 || window < TimeSpan.FromSeconds(1))
            throw new InvalidOperationException("Gateway:RateLimit needs PermitLimit >= 1 and WindowSeconds >= 1.");
        var useRedis = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("redis"));

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(PerClientRateLimitPolicy, context =>
            {
                var partition = PartitionKey(context);
                if (!useRedis)
                {
                    return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permitLimit,
                        Window = window,
                        QueueLimit = 0,
                    });
                }
                var provider = context.RequestServices;
                return RateLimitPartition.Get(partition, key => new RedisFixedWindowRateLimiter(
                    provider.GetRequiredService<IConnectionMultiplexer>(), key, permitLimit, window,
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetRequiredService<ILoggerFactory>().CreateLogger<RedisFixedWindowRateLimiter>()));
            });
            options.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await WriteProblemAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    new LocalText("Rate limit of {0} requests per {1} s exceeded; retry after {2} s.", permitLimit, (int)window.TotalSeconds, seconds));
            };
        });
    }

    /// <summary>The token's subject when there is one, so a client keeps its limit across addresses; the IP otherwise.</summary>
    private static string PartitionKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(PlatformClaims.Subject)?.Value is { Length: > 0 } subject
            ? $"sub:{subject}"
            : $"ip:{context.Connection.RemoteIpAddress}";

    internal static Task WriteProblemAsync(HttpContext context, int status, string title, LocalText detail,
        IReadOnlyDictionary<string, LocalText>? fieldErrors = null) =>
        ProblemDetailsMiddleware.WriteAsync(context, context.RequestServices.GetRequiredService<IProblemDetailsService>(),
            new PlatformProblem(status, title, detail, fieldErrors));

    private sealed class CorsFirstStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseCors(CorsPolicy);
            next(app);
        };
    }
}
