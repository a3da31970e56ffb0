using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Longgang.Platform.Host;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// A real clamd (Debian's clamav-daemon: platform/clamav:local, built by .ci/run from tests/images/clamav with the EICAR
/// test signature of its own; elsewhere the official image, whose signatures include EICAR) behind the embedded host:
/// uploads through the gateway are scanned, a clean file is stored CLEAN and an infected one refused and not kept.
/// </summary>
public sealed class ClamAvScanningTests : IAsyncLifetime
{
    private const int ClamdPort = 3310;

    // the EICAR anti-virus test string, put together here so that the source file itself is not flagged
    private static readonly byte[] Eicar = Encoding.ASCII.GetBytes(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    private readonly string _data = Directory.CreateTempSubdirectory("platform-clamav-").FullName;
    private IContainer? _clamd;
    private EmbeddedPlatform? _platform;
    private string? _unavailable;

    public async ValueTask InitializeAsync()
    {
        var started = Stopwatch.StartNew();
        try
        {
            _clamd = new ContainerBuilder(Environment.GetEnvironmentVariable("TESTCONTAINERS_CLAMAV_IMAGE") is { Length: > 0 } image ? image : "clamav/clamav:1.4.3")
                .WithPortBinding(ClamdPort, assignRandomHostPort: true)
                // clamd's last start-up line, once its signatures are loaded and it listens
                .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Self checking every"))
                .Build();
            await _clamd.StartAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _unavailable = ex.Message;
            return;
        }
        TestContext.Current.SendDiagnosticMessage($"clamd ready after {started.Elapsed.TotalSeconds:F1} s");
        _platform = await EmbeddedPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _data,
            ["Embedded:HttpPort"] = "0",
            ["Embedded:GrpcPort"] = "0",
            ["Scanning:ClamAv"] = $"{_clamd.Hostname}:{_clamd.GetMappedPublicPort(ClamdPort)}",
        }, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_platform is not null) await _platform.DisposeAsync();
        if (_clamd is not null) await _clamd.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_clean_upload_is_stored_clean_and_the_EICAR_test_file_is_refused_and_not_kept()
    {
        RequireClamd();
        var ct = TestContext.Current.CancellationToken;
        using var citizen = Client(_platform!.IssueToken("citizen", subject: "citizen-clamav"));
        using var submitted = await citizen.PostAsJsonAsync("/api/approvals/v1/applications", new
        {
            matterCode = "MS-002", applicantName = "Chen Jing", channel = "CHANNEL_ONLINE", materials = new[] { "application form", "identity card" },
        }, ct);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
        var files = $"/api/approvals/v1/applications/{id}/files";

        var clean = Encoding.ASCII.GetBytes("%PDF-1.4\n% a scanned application form\n%%EOF\n");
        var scanned = Stopwatch.StartNew();
        using var accepted = await citizen.PostAsync($"{files}?material=application%20form", Pdf(clean), ct);
        TestContext.Current.SendDiagnosticMessage($"clean upload scanned and stored in {scanned.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var stored = await accepted.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("FILE_SCAN_STATUS_CLEAN", stored.GetProperty("scanStatus").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(clean)), stored.GetProperty("sha256").GetString());
        Assert.Equal(clean, await citizen.GetByteArrayAsync($"{files}/{stored.GetProperty("id").GetString()}", ct));

        using var infected = await citizen.PostAsync($"{files}?material=identity%20card", Pdf([.. "%PDF-1.4\n"u8.ToArray(), .. Eicar]), ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, infected.StatusCode);
        Assert.Contains("恶意代码", await infected.Content.ReadAsStringAsync(ct));
        var listed = await citizen.GetFromJsonAsync<JsonElement>(files, ct);
        Assert.Equal(1, listed.GetProperty("totalSize").GetInt32());
        Assert.Single(Directory.GetFiles(Path.Combine(_data, "files", "approvals")));
        var application = await citizen.GetFromJsonAsync<JsonElement>($"/api/approvals/v1/applications/{id}", ct);
        Assert.Equal(["居民身份证"], application.GetProperty("missingMaterials").EnumerateArray().Select(m => m.GetString()));
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = _platform!.GatewayHttpAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static ByteArrayContent Pdf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }

    private void RequireClamd()
    {
        if (_unavailable is null) return;
        if (Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1")
            throw new InvalidOperationException($"PLATFORM_REQUIRE_DOCKER=1 but clamd could not start: {_unavailable}");
        Assert.Skip($"No Docker engine answered, so clamd could not start: {_unavailable}");
    }
}
