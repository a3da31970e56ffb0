using Longgang.Platform.Host;

// "--Embedded:HttpPort 6000" and any other key: the normal command-line syntax, passed on as overrides
var overrides = new ConfigurationBuilder().AddCommandLine(args).Build()
    .AsEnumerable()
    .Where(pair => pair.Value is not null)
    .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
// "dotnet run" shows a city at work: the services seed their demo data on a fresh data folder (EmbeddedPlatform
// alone does not, so tests start empty unless they ask); "--Demo:Enabled false" starts empty
overrides.TryAdd("Demo:Enabled", "true");

await using var platform = await EmbeddedPlatform.StartAsync(overrides);
Console.WriteLine(
    $"Longgang platform running: gateway http://localhost:{platform.GatewayHttpAddress.Port} (REST, /docs) and " +
    $"http://localhost:{platform.GatewayGrpcAddress.Port} (gRPC). POST /dev/token for a development token. Ctrl+C to stop.");

// Ctrl+C stops the gateway app's host; disposing the platform then stops the services
var stopping = new TaskCompletionSource();
platform.GatewayServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
await stopping.Task;
