using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Grpc;

/// <summary>The filters the governance lists share, read the one way the API conventions give (docs/api.md).</summary>
internal static class ListFilters
{
    /// <summary>An optional enum filter: null when not given; a 400 on the field when given but not a known value.</summary>
    public static TDomain? Enum<TDomain>(this Validator validator, bool given, System.Enum value, string field) where TDomain : struct, System.Enum
    {
        var filter = given ? ProtoEnums.ToDomain<TDomain>(value) : null;
        validator.Require(!given || filter is not null, field, "is not a known value");
        return filter;
    }

    /// <summary>An optional China date (YYYY-MM-DD); a 400 on the field when it is not one.</summary>
    public static DateOnly? Date(this Validator validator, bool given, string value, string field)
    {
        var valid = RequestParsing.TryDate(value, out var date);
        validator.Require(!given || valid, field, "must be a date, YYYY-MM-DD");
        return given && valid ? date : null;
    }

    /// <summary>The instant a China day starts, in UTC as instants are stored (so they compare as stored).</summary>
    public static DateTimeOffset StartOf(DateOnly chinaDate) =>
        new DateTimeOffset(chinaDate.ToDateTime(TimeOnly.MinValue), WorkingDayCalendar.ChinaStandardTimeOffset).ToUniversalTime();

    /// <summary>
    /// The last working day up to <paramref name="day"/>: a case running on its clock is overdue when it was due before it
    /// (<see cref="Domain.Case.IsOverdue"/>, written as a column comparison the database can answer).
    /// </summary>
    public static DateOnly LastWorkingDayUpTo(this WorkingDayCalendar calendar, DateOnly day)
    {
        var candidate = day;
        while (!calendar.IsWorkingDay(candidate)) candidate = candidate.AddDays(-1);
        return candidate;
    }

    /// <summary>Free text as it is matched: NFKC, trimmed, lower case (Latin letters match in either case); null when blank.</summary>
    public static string? Query(bool given, string value)
    {
        var text = given ? TextRules.Normalize(value).Trim().ToLowerInvariant() : "";
        return text.Length == 0 ? null : text;
    }
}
