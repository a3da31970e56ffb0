using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Talent.Grpc;

/// <summary>How the talent lists read their free-text and code filters.</summary>
internal static class ListFilters
{
    public const int MaxQueryLength = 100;

    /// <summary>Free text as the lists match it: NFKC, trimmed and lower-cased (Latin letters match in either case); null when not given.</summary>
    public static string? Query(bool given, string value) =>
        given && !string.IsNullOrWhiteSpace(value) ? TextRules.Normalize(value).Trim().ToLowerInvariant() : null;

    public static Validator RequireQuery(this Validator validator, bool given, string value) =>
        validator.Require(!given || TextRules.Length(value) <= MaxQueryLength, "query", "must be at most {0} characters", MaxQueryLength);

    /// <summary>A district filter must name a district of Longgang.</summary>
    public static Validator RequireDistrict(this Validator validator, bool given, string value) =>
        validator.Require(!given || ReferenceData.IsDistrict(value), "districtCode", "no district '{0}'", value);
}
