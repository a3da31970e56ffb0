using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DotNet.Testcontainers.Containers;

namespace Longgang.Platform.ContainerTests;

/// <summary>
/// Chinese first needs ICU in the images: pinyin order and NFKC come from it, and without it .NET runs in invariant
/// globalization mode, where zh-CN does not exist. Each image must carry libicu and not switch ICU off; every process
/// checks pinyin order at start (AddServiceDefaults refuses to start without it), so a running container has passed.
/// </summary>
[Collection(ContainerPlatformCollection.Name)]
public sealed class ImageGlobalizationTests(ContainerPlatformFixture platform)
{
    [Fact]
    public async Task Every_image_carries_ICU_and_leaves_globalization_on()
    {
        platform.RequireRunningPlatform();
        var containers = ContainerPlatformFixture.Services.Select(s => (Name: s, Container: platform.Service(s)))
            .Append(("gateway", platform.GatewayContainer));

        foreach (var (name, container) in containers)
        {
            var icu = await container.ExecAsync(["sh", "-c", "ls /usr/lib/*/libicuuc.so.* /usr/lib/libicuuc.so.* 2>/dev/null"],
                TestContext.Current.CancellationToken);
            Assert.True(icu.Stdout.Contains("libicuuc.so", StringComparison.Ordinal), $"{name}: no libicu in the image");
            var invariant = await container.ExecAsync(["printenv", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"], TestContext.Current.CancellationToken);
            Assert.True(invariant.ExitCode != 0 || invariant.Stdout.Trim() is "0" or "false",
                $"{name}: DOTNET_SYSTEM_GLOBALIZATION_INVARIANT={invariant.Stdout.Trim()}");
            Assert.Equal(TestcontainersStates.Running, container.State);
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("zh-CN", true)]
    [InlineData("en", false)]
    public async Task A_services_problem_through_the_gateway_is_Chinese_unless_English_is_asked_for(string? language, bool chinese)
    {
        platform.RequireRunningPlatform();
        var citizen = platform.IssueToken(PlatformRoles.Citizen, $"citizen-{Guid.NewGuid():N}");

        // approvals' 404: its image carries the zh-CN resources and sets the request's culture
        var (status, title) = await ProblemAsync($"/api/approvals/v1/applications/{Guid.NewGuid()}", citizen, language);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.True(title.Any(c => c is >= '\u4e00' and <= '\u9fff') == chinese, $"Accept-Language {language ?? "(none)"}: title '{title}'");
    }

    private async Task<(HttpStatusCode Status, string Title)> ProblemAsync(string path, string token, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await platform.Gateway.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        return (response.StatusCode, body.GetProperty("title").GetString() ?? "");
    }
}
