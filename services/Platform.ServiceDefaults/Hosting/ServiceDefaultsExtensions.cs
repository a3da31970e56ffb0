using Longgang.Platform.Api.Exports;
using Longgang.Platform.Errors;
using Longgang.Platform.Hosting;
using Longgang.Platform.Localization;
using Longgang.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Longgang.Platform;

/// <summary>What every process of the platform (the four services and the gateway) shares.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Telemetry, health checks, JWT bearer authentication (issuer and audience validated), problem details,
    /// correlation ids, the cache, and the default ports: 8080 for HTTP/1.1 (REST, health, metrics) and
    /// 8081 for HTTP/2 cleartext (gRPC), unless <c>Kestrel:Endpoints</c> is configured.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        // lowest precedence: appsettings, environment variables and the command line still override every level
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietFrameworkLogging });
        builder.AddPlatformAuthentication();
        ConfigureDefaultPorts(builder);

        // the system clock, or a shifted one for tests and demos (Clock:Start, see PlatformClock)
        builder.Services.AddSingleton(PlatformClock.From(builder.Configuration, builder.Environment));
        builder.AddWorkingDayCalendar();
        // operations' names for the districts, departments and modules (the chart's referenceData ConfigMap)
        if (builder.Configuration["ReferenceData:File"] is { Length: > 0 } referenceData) ReferenceData.UseFile(referenceData);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.HttpContext.Items[CorrelationIdMiddleware.HeaderName] is string id)
                context.ProblemDetails.Extensions["correlationId"] = id;
        });

        // Chinese first needs ICU (pinyin order, zh-CN texts): an image without it must not start and sort by code point
        if (!Domain.TextRules.SortsChineseByPinyin())
        {
            throw new InvalidOperationException("This process runs without ICU (invariant globalization): Chinese would not sort by pinyin. "
                + "Use a base image with libicu and keep InvariantGlobalization false (docs/decisions.md, Chinese first).");
        }
        builder.Services.AddPlatformText<Localization.Resources.Messages>();
        builder.Services.AddHealthChecks();
        builder.AddPlatformCache();
        builder.AddPlatformTelemetry();
        return builder;
    }

    /// <summary>
    /// Framework categories that log at Information on every request or SQL command (request start/finish, endpoint,
    /// YARP forwarding, each DbCommand, HttpClient) are kept to warnings: measured in bench/, they cost more CPU than
    /// the requests they describe (a cached GET through the gateway spent most of its time writing log lines).
    /// Our own categories and the host's start-up lines stay at Information.
    /// </summary>
    private static readonly Dictionary<string, string?> QuietFrameworkLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Yarp"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>Health, metrics and the error and correlation middleware, in the order they must run.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UsePlatformLanguages();
        app.UseMiddleware<CorrelationIdMiddleware>();
        // errors without a body (401, 404, 429, 502, ...) get a problem body, in the request's language
        app.UseStatusCodePages(ProblemDetailsMiddleware.WriteStatusCodePageAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        if (app.Services.GetService<GrpcErrorInterceptor>() is not null)
        {
            app.UseMiddleware<ProblemDetailsMiddleware>();
            // every List*/Get*Report GET of the gRPC services this app maps (before or after this call) gets its :export twin
            app.MapExports();
        }

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready) })
            .AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        if (app.Services.GetService<Messaging.ErrorQueueOperator>() is not null)
            Messaging.ErrorQueueOperator.MapEndpoints(app);
        return app;
    }

    private static void ConfigureDefaultPorts(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any()) return;
        var httpPort = builder.Configuration.GetValue("Platform:HttpPort", 8080);
        var grpcPort = builder.Configuration.GetValue("Platform:GrpcPort", 8081);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenAnyIP(httpPort, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.ListenAnyIP(grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
    }

    private static void AddPlatformCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddHybridCache().AddSerializerFactory(new ProtobufCacheSerializerFactory());
        builder.Services.AddJobLock();
        var redis = builder.Configuration.GetConnectionString("redis");
        if (string.IsNullOrWhiteSpace(redis)) return;

        var options = ConfigurationOptions.Parse(redis);
        // start even if Redis is down: the cache is an optimisation, readiness reports the outage
        options.AbortOnConnectFail = false;
        // while disconnected, fail each command at once instead of queueing it until the 5 s timeout: every user of
        // this connection has a way round Redis (HybridCache reads the database, the gateway counts locally, a job
        // skips its turn), and none should make a request wait for a server that is not there
        options.BacklogPolicy = BacklogPolicy.FailFast;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        var instanceName = builder.Environment.ApplicationName + ":";
        // HybridCache's second level; a Redis outage makes it a miss, never a failed request (FailSoftDistributedCache)
        builder.Services.AddSingleton<IDistributedCache>(services => new FailSoftDistributedCache(
            new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = instanceName,
                // the one connection of the process, which the readiness check pings
                ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()),
            })),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<FailSoftDistributedCache>>()));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
    }

    private static void AddPlatformTelemetry(this WebApplicationBuilder builder)
    {
        // Logging__Console__FormatterName=json (the images' default) writes one JSON object per line; its scopes carry
        // the trace and span ids (the host tracks the current activity) and CorrelationIdMiddleware's correlation id
        builder.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });

        // the collector's address (the standard variable, which the exporter itself reads)
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter("MassTransit")
                    // the platform's own: calendar, outbox, and each service's (Longgang.Approvals.Sla, ...)
                    .AddMeter("Longgang.*")
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        // traces only when there is somewhere to send them: recording spans nobody exports cost the gateway
        // a measurable share of its CPU per request (bench/)
        if (!otlp) return;
        otel.WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
            .AddHttpClientInstrumentation()
            .AddGrpcClientInstrumentation()
            .AddEntityFrameworkCoreInstrumentation()
            .AddSource("MassTransit")
            .AddOtlpExporter());
    }
}

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex)
        {
            // Degraded, which readiness still answers with 200: the process serves without Redis (cache bypassed,
            // rate limits counted per replica), and an Unhealthy here would take every replica out of service at once
            return HealthCheckResult.Degraded("Redis does not answer", ex);
        }
    }
}
