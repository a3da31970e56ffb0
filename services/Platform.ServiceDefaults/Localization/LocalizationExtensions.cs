using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longgang.Platform.Localization;

/// <summary>
/// Chinese first: zh-CN unless the request asks for English (<c>Accept-Language: en</c>). Translations live in
/// <c>.zh-CN.resx</c> files keyed by the English text, each beside a marker type of the same name, so the
/// resource's name is the marker's full name (<c>Longgang.Approvals.Resources.Messages</c>).
/// </summary>
public static class LocalizationExtensions
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>Registers one resource set of translations; every service adds its own, the platform adds the shared one.</summary>
    public static IServiceCollection AddPlatformText<TMarker>(this IServiceCollection services)
    {
        services.AddLocalization();
        services.TryAddSingleton<PlatformText>();
        if (!services.Any(s => s.ImplementationInstance is TextResources r && r.Marker == typeof(TMarker)))
            services.AddSingleton(new TextResources(typeof(TMarker)));
        return services;
    }

    /// <summary>Sets the request's culture from Accept-Language only (no cookie, no query parameter), and says it in Content-Language.</summary>
    public static IApplicationBuilder UsePlatformLanguages(this IApplicationBuilder app) =>
        app.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Chinese);
            options.SupportedCultures = [Chinese, English];
            options.SupportedUICultures = [Chinese, English];
            options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
            options.ApplyCurrentCultureToResponseHeaders = true;
        });
}
