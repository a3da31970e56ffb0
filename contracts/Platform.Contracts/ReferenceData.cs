using System.Globalization;

namespace Longgang.Platform;

/// <summary>A place in the city's flat hierarchy: district → community/village → grid.</summary>
public sealed record PlaceRef(string DistrictCode, string? CommunityCode = null, string? GridCode = null);

/// <summary>
/// A code of the city's reference data and its names: <see cref="Name"/> in English (as logs carry it) and
/// <see cref="ChineseName"/> in zh-CN. Codes are stable and stored by the services; names may be replaced by operations.
/// </summary>
public abstract record ReferenceEntry(string Code, string Name, string ChineseName)
{
    /// <summary>The name a reader of <paramref name="culture"/> reads: Chinese for any Chinese culture, English otherwise.</summary>
    public string NameIn(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh" ? ChineseName : Name;
}

/// <summary>One of the 15 party and government departments or 6 public institutions.</summary>
public sealed record DepartmentRef(string Code, string Name, string ChineseName) : ReferenceEntry(Code, Name, ChineseName);

/// <summary>One of the 9 districts (片区).</summary>
public sealed record DistrictRef(string Code, string Name, string ChineseName) : ReferenceEntry(Code, Name, ChineseName);

/// <summary>One of the five work modules every district runs (党建服务, 综治工作, 市场监管, 综合执法, 便民服务).</summary>
public sealed record WorkModuleRef(string Code, string Name, string ChineseName) : ReferenceEntry(Code, Name, ChineseName);

/// <summary>A 一区五城 tag (<see cref="Longgang.Platform.CityTags"/>) and its names.</summary>
public sealed record CityTagRef(string Code, string Name, string ChineseName) : ReferenceEntry(Code, Name, ChineseName);

/// <summary>
/// The city's reference data that every service shares: one source (ReferenceData.json, embedded), stable codes,
/// names in Chinese and English. Operations may replace names from a file (<see cref="UseFile"/>, the setting
/// <c>ReferenceData:File</c>), never codes.
/// </summary>
public static class ReferenceData
{
    public const int DistrictCount = 9;

    private static ReferenceNames _names = ReferenceNames.Embedded;

    public static IReadOnlyList<DepartmentRef> Departments => _names.Departments;

    public static IReadOnlyList<DistrictRef> Districts => _names.Districts;

    public static IReadOnlyList<WorkModuleRef> Modules => _names.Modules;

    /// <summary>The 一区五城 tags' names, in the order of <see cref="Longgang.Platform.CityTags.All"/>.</summary>
    public static IReadOnlyList<CityTagRef> CityTags => _names.CityTags;

    /// <summary>District codes <c>district-01</c> … <c>district-09</c>.</summary>
    public static IReadOnlyList<string> DistrictCodes { get; } = ReferenceNames.Embedded.Districts.Select(d => d.Code).ToArray();

    public static bool IsDistrict(string? code) => code is not null && DistrictCodes.Contains(code);

    public static bool IsDepartment(string? code) => Find(Departments, code) is not null;

    public static bool IsModule(string? code) => Find(Modules, code) is not null;

    /// <summary>The department's name for a reader of <paramref name="culture"/> (the request's CurrentUICulture), or null for an unknown code.</summary>
    public static string? DepartmentName(string code, CultureInfo culture) => Find(Departments, code)?.NameIn(culture);

    /// <summary>The district's name for a reader of <paramref name="culture"/>, or null for an unknown code.</summary>
    public static string? DistrictName(string code, CultureInfo culture) => Find(Districts, code)?.NameIn(culture);

    /// <summary>The work module's name for a reader of <paramref name="culture"/>, or null for an unknown code.</summary>
    public static string? ModuleName(string code, CultureInfo culture) => Find(Modules, code)?.NameIn(culture);

    /// <summary>The 一区五城 tag's name (活力创新城) for a reader of <paramref name="culture"/>, or null for an unknown code.</summary>
    public static string? CityTagName(string code, CultureInfo culture) => Find(CityTags, code)?.NameIn(culture);

    /// <summary>
    /// Replaces names with those of operations' file (same shape as ReferenceData.json, listing only what it changes).
    /// Called once at start-up; a file naming an unknown code, or otherwise malformed, stops the start.
    /// </summary>
    public static void UseFile(string path) => _names = ReferenceNames.Embedded.OverriddenBy(File.ReadAllText(path), path);

    private static T? Find<T>(IReadOnlyList<T> entries, string? code) where T : ReferenceEntry =>
        code is null ? null : entries.FirstOrDefault(e => e.Code == code);
}
