using System.Globalization;
using Longgang.Platform.Errors;
using Microsoft.Extensions.Localization;

namespace Longgang.Platform.Localization;

/// <summary>A resource set of translations: a marker type next to its <c>.zh-CN.resx</c> file (see <see cref="LocalizationExtensions"/>).</summary>
public sealed record TextResources(Type Marker);

/// <summary>
/// Translates <see cref="LocalText"/> into the request's language (CurrentUICulture, set from Accept-Language).
/// The English text is the key: a translation is looked up in every registered resource set (the service's, then the
/// platform's), and English is what remains when none has it, which is also what <c>Accept-Language: en</c> gets.
/// </summary>
public sealed class PlatformText(IStringLocalizerFactory factory, IEnumerable<TextResources> resources)
{
    private readonly IStringLocalizer[] _localizers = resources.Select(r => r.Marker).Distinct().Select(factory.Create).ToArray();

    public string this[LocalText text] => text.Format(CultureInfo.CurrentCulture, Translate);

    /// <summary>
    /// The text in <paramref name="culture"/> rather than the request's: for what is rendered outside a request, such
    /// as a notification, which is stored in both languages when it is recorded.
    /// </summary>
    public string In(CultureInfo culture, LocalText text)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return text.Format(culture, Translate);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The translation of one English text, or the text itself.</summary>
    public string Translate(string english)
    {
        foreach (var localizer in _localizers)
        {
            var translated = localizer[english];
            if (!translated.ResourceNotFound) return translated.Value;
        }
        return english;
    }

    /// <summary>True when some resource set translates <paramref name="english"/> into <paramref name="culture"/> (for tests).</summary>
    public bool HasTranslation(string english, CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return _localizers.Any(l => !l[english].ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
