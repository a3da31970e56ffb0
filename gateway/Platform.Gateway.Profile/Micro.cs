using System.Diagnostics;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Longgang.Gateway.Profile;

/// <summary>
/// Each middleware of the gateway's pipeline alone, on one thread, with a next step that does nothing: CPU and bytes
/// allocated per call, less the cost of making the request context itself.
/// </summary>
internal static class Micro
{
    public static async Task RunAsync(int iterations)
    {
        var jwt = new Longgang.Platform.Security.JwtSettings("profile", "longgang-api", Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()));
        var builder = WebApplication.CreateBuilder(["--Auth:Issuer=profile", "--Auth:Audience=longgang-api", $"--Auth:SigningKey={jwt.SigningKey}",
            "--environment=Profile", "--Gateway:RateLimit:PermitLimit=1000000000"]);
        builder.AddServiceDefaults();
        builder.AddGateway();
        await using var app = builder.Build();
        var services = app.Services;
        var token = jwt.IssueToken("citizen-profile", PlatformRoles.Citizen, null, null, DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
        var authorization = "Bearer " + token;
        RequestDelegate done = _ => Task.CompletedTask;

        var authentication = services.GetRequiredService<IAuthenticationService>();
        var policy = (await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(GatewayExtensions.AuthenticatedPolicy))!;
        var evaluator = services.GetRequiredService<IPolicyEvaluator>();
        var correlation = new CorrelationIdMiddleware(done, services.GetRequiredService<ILogger<CorrelationIdMiddleware>>());
        var security = new SecurityHeadersMiddleware(done);
        var localization = new RequestLocalizationMiddleware(done, Options.Create(Localization()), services.GetRequiredService<ILoggerFactory>());
        var statusPages = new StatusCodePagesMiddleware(done, Options.Create(new StatusCodePagesOptions { HandleAsync = ProblemDetailsMiddleware.WriteStatusCodePageAsync }));
        var idempotency = new IdempotencyMiddleware(done, services.GetRequiredService<ILogger<IdempotencyMiddleware>>());
        var store = services.GetRequiredService<IIdempotencyStore>();
        var jwtOptions = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        (string Name, Func<HttpContext, Task> Step)[] steps =
        [
            ("request context alone (subtracted below)", _ => Task.CompletedTask),
            ("security headers (+ applied at start)", async c => { await security.InvokeAsync(c); SecurityHeadersMiddleware.Apply(c); }),
            ("request localization (Accept-Language)", localization.Invoke),
            ("correlation id (+ log scope)", correlation.InvokeAsync),
            ("status code pages", statusPages.Invoke),
            ("JWT: token handler only (" + string.Join(",", jwtOptions.TokenHandlers.Select(h => h.GetType().Name)) + ")",
                c => jwtOptions.TokenHandlers[0].ValidateTokenAsync(token, jwtOptions.TokenValidationParameters)),
            ("JWT: authentication (bearer handler)", async c => { var r = await c.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme); c.User = r.Principal!; }),
            ("authorization (authenticated policy), given the user", async c =>
            {
                var r = await c.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
                c.User = r.Principal!;
                await evaluator.AuthorizeAsync(policy, r, c, null);
            }),
            ("idempotency (a GET passes)", c => idempotency.InvokeAsync(c, store)),
        ];

        using var scope = services.CreateScope();
        var check = await authentication.AuthenticateAsync(Context(scope.ServiceProvider, authorization), JwtBearerDefaults.AuthenticationScheme);
        var direct = await jwtOptions.TokenHandlers[0].ValidateTokenAsync(token, jwtOptions.TokenValidationParameters);
        Console.WriteLine($"authentication succeeds: {check.Succeeded} {check.Failure?.Message}; handler alone: {direct.IsValid} {direct.Exception?.Message}");
        var results = new List<(string, double, double)>();
        foreach (var (name, step) in steps)
        {
            for (var i = 0; i < iterations / 10; i++) await step(Context(scope.ServiceProvider, authorization));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < iterations; i++) await step(Context(scope.ServiceProvider, authorization));
            var cpuPer = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / iterations;
            var bytesPer = (double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / iterations;
            results.Add((name, cpuPer, bytesPer));
        }
        var (_, baseCpu, baseBytes) = results[0];
        Console.WriteLine($"{iterations} calls each, one thread");
        Console.WriteLine("| step | CPU µs/call | allocated B/call |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, cpu, bytes) in results.Skip(1))
            Console.WriteLine($"| {name} | {cpu - baseCpu:0.00} | {bytes - baseBytes:0} |");
        Console.WriteLine($"(request context alone: {baseCpu:0.00} µs, {baseBytes:0} B)");
    }

    private static DefaultHttpContext Context(IServiceProvider services, string authorization)
    {
        // a scope per request, as in the server: the authentication handlers are scoped, and remember their result
        var context = new DefaultHttpContext { RequestServices = services.CreateScope().ServiceProvider };
        context.Request.Method = "GET";
        context.Request.Path = "/api/approvals/v1/applications/0b8f6a0e-4f7c-4a57-9c3e-2f1d3c4b5a69";
        context.Request.Headers.Authorization = authorization;
        context.Request.Headers.AcceptLanguage = "zh-CN,zh;q=0.9,en;q=0.8";
        return context;
    }

    private static RequestLocalizationOptions Localization() => new()
    {
        DefaultRequestCulture = new RequestCulture(Longgang.Platform.Localization.LocalizationExtensions.Chinese),
        SupportedCultures = [Longgang.Platform.Localization.LocalizationExtensions.Chinese, Longgang.Platform.Localization.LocalizationExtensions.English],
        SupportedUICultures = [Longgang.Platform.Localization.LocalizationExtensions.Chinese, Longgang.Platform.Localization.LocalizationExtensions.English],
        RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()],
        ApplyCurrentCultureToResponseHeaders = true,
    };
}
