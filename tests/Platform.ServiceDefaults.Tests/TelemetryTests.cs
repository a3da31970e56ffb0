using System.Collections.Concurrent;
using System.Text.Json;
using Longgang.Platform.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Longgang.Platform.Tests;

/// <summary>Console output is the process's: these tests replace it, so nothing else runs beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

/// <summary>
/// What ops get from a container: JSON log lines carrying the trace and correlation ids, and traces and metrics sent
/// to the collector named by OTEL_EXPORTER_OTLP_ENDPOINT.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TelemetryTests
{
    private const string Message = "telemetry test request handled";

    private static async Task<WebApplication> StartServiceAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Staging", Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "issuer",
            ["Auth:Audience"] = "audience",
            ["Auth:SigningKey"] = new string('k', 48),
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGet("/hello", (ILogger<TelemetryTests> logger) =>
        {
            logger.LogInformation(Message);
            return "hello";
        });
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    [Fact]
    public async Task Json_log_lines_carry_the_trace_id_and_the_correlation_id()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var app = await StartServiceAsync(("Logging:Console:FormatterName", "json"));
            await using (app)
            {
                using var client = new HttpClient { BaseAddress = Address(app) };
                using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
                request.Headers.Add(CorrelationIdMiddleware.HeaderName, "order-4711");
                using var response = await client.SendAsync(request);
                response.EnsureSuccessStatusCode();
                await app.StopAsync();
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        // disposing the app flushed the console logger's queue
        var line = output.ToString().Split('\n').Single(l => l.Contains(Message, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        var scopes = json.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("CorrelationId", out var id) && id.GetString() == "order-4711");
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString() is { Length: 32 } hex && hex.All(char.IsAsciiHexDigitLower));
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
    }

    [Fact]
    public async Task Traces_and_metrics_go_to_the_otlp_endpoint_when_it_is_set()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var collectorBuilder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Staging", Args = [] });
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();

        string traceId;
        var app = await StartServiceAsync(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", Address(collector).ToString().TrimEnd('/')),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        await using (app)
        {
            Assert.NotNull(app.Services.GetService<TracerProvider>());
            using var client = new HttpClient { BaseAddress = Address(app) };
            using var response = await client.GetAsync("/hello");
            // without a caller's id, the correlation id is the request's trace id
            traceId = response.Headers.GetValues(CorrelationIdMiddleware.HeaderName).Single();
            await app.StopAsync();
        }

        // stopping flushed both exporters
        var traceBytes = Convert.FromHexString(traceId);
        Assert.Contains(received, r => r.Path == "/v1/traces" && r.Body.AsSpan().IndexOf(traceBytes) >= 0);
        Assert.Contains(received, r => r.Path == "/v1/metrics");
    }

    [Fact]
    public async Task Without_the_endpoint_no_spans_are_recorded()
    {
        await using var app = await StartServiceAsync();

        Assert.Null(app.Services.GetService<TracerProvider>());
    }
}
