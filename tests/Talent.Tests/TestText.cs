using Longgang.Platform.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Talent.Tests;

/// <summary>The translations the talent service registers (its own and the platform's), as its container builds them.</summary>
internal static class TestText
{
    public static PlatformText Instance { get; } = new ServiceCollection()
        .AddLogging()
        .AddPlatformText<Longgang.Platform.Localization.Resources.Messages>()
        .AddPlatformText<Resources.Messages>()
        .BuildServiceProvider()
        .GetRequiredService<PlatformText>();
}
