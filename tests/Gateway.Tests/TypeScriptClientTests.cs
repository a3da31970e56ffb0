using System.Diagnostics;
using System.Net;

namespace Longgang.Gateway.Tests;

/// <summary>
/// The OpenAPI document is usable by a front end (issue 16): a TypeScript client generated from the served
/// <c>/openapi/v1.json</c> with openapi-typescript compiles, with a small program against it, under <c>tsc --strict</c>.
/// The tools are npm packages pinned in typescript/package-lock.json; .ci/run installs them (<c>npm ci</c>). Without
/// node or the tools the test is skipped, except under CI=true, where it fails.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TypeScriptClientTests(PlatformFixture fixture)
{
    // Uses what the conventions promise: a response field without presence is required (so `id` is a string, not
    // string | undefined), the headers are documented, problems have a schema, enums are unions of their wire names.
    private const string Program = """
        import type { components, paths } from "./api";

        type Schemas = components["schemas"];
        type Application = Schemas["longgang.approvals.v1.Application"];
        type Problem = Schemas["ProblemDetails"];
        type SubmitHeaders = NonNullable<paths["/api/approvals/v1/applications"]["post"]["parameters"]["header"]>;
        type Channel = Schemas["longgang.approvals.v1.Channel"];

        export function label(application: Application): string {
          const id: string = application.id;
          return id.toUpperCase();
        }

        export const headers: SubmitHeaders = { "Idempotency-Key": "submit-1", "Accept-Language": "en", "X-Correlation-Id": "c-1" };

        export const channel: Channel = "CHANNEL_ONLINE";

        export function fieldErrors(problem: Problem): string[] {
          return Object.entries(problem.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(", ")}`);
        }
        """;

    [Fact]
    public async Task A_client_generated_from_the_document_compiles_with_a_program_using_it()
    {
        var tools = ToolsFolder();
        var generator = Path.Combine(tools, "node_modules", "openapi-typescript", "bin", "cli.js");
        var compiler = Path.Combine(tools, "node_modules", "typescript", "bin", "tsc");
        var node = FindOnPath("node");
        if (node is null || !File.Exists(generator) || !File.Exists(compiler))
        {
            var why = node is null ? "node is not installed" : $"the npm tools are not installed: run `npm ci` in {tools}";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(why + " (required under CI=true)");
            Assert.Skip(why);
        }

        var work = Directory.CreateTempSubdirectory("openapi-typescript-").FullName;
        try
        {
            using var client = fixture.CreateClient();
            using var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await File.WriteAllTextAsync(Path.Combine(work, "openapi.json"), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
                TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(work, "program.ts"), Program, TestContext.Current.CancellationToken);

            await RunAsync(node!, work, generator, "openapi.json", "--output", "api.d.ts");
            await RunAsync(node!, work, compiler, "--strict", "--noEmit", "--target", "es2022", "--module", "esnext",
                "--moduleResolution", "bundler", "program.ts");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task RunAsync(string node, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(node) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(arguments[0])} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    /// <summary>tests/Gateway.Tests/typescript of this checkout, found from the test's output folder.</summary>
    private static string ToolsFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "typescript");
            if (File.Exists(Path.Combine(candidate, "package.json")) && File.Exists(Path.Combine(folder.FullName, "Gateway.Tests.csproj"))) return candidate;
        }
        throw new InvalidOperationException($"tests/Gateway.Tests/typescript not found above {AppContext.BaseDirectory}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(folder => Path.Combine(folder, name))
        .FirstOrDefault(File.Exists);
}
