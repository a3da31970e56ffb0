using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;

namespace Longgang.Approvals.Grpc;

/// <summary>The optional filters the lists share, each read once: "not given" is null, anything unusable a 400 naming the field.</summary>
internal static class ListFilters
{
    // Years outside this range are typing errors, and far enough out they would overflow the UTC conversion (a 500).
    public static readonly DateOnly EarliestDay = new(2000, 1, 1);
    public static readonly DateOnly LatestDay = new(2999, 12, 31);
    public const int MaxQueryLength = 100;

    /// <summary>An optional text filter: null when not given or given empty (<c>?matterCode=</c> filters nothing).</summary>
    public static string? Given(bool has, string value) => has && value.Length > 0 ? value : null;

    /// <summary>An optional China date (YYYY-MM-DD) within the years anyone means.</summary>
    public static Validator RequireDay(this Validator validator, bool given, string text, string field, out DateOnly? day)
    {
        day = null;
        if (!given) return validator;
        var valid = RequestParsing.TryDate(text, out var parsed) && parsed >= EarliestDay && parsed <= LatestDay;
        if (valid) day = parsed;
        return validator.Require(valid, field, "must be a date between {0} and {1}, written YYYY-MM-DD", EarliestDay, LatestDay);
    }

    /// <summary>A date range's end not before its start.</summary>
    public static Validator RequireOrdered(this Validator validator, DateOnly? from, DateOnly? to) =>
        validator.Require(from is null || to is null || to >= from, "toDate", "must not be before fromDate");

    /// <summary>An optional enum filter: null when not given; UNSPECIFIED or an unknown number is a 400.</summary>
    public static Validator RequireEnum<TDomain>(this Validator validator, bool given, Enum value, string field, out TDomain? filter)
        where TDomain : struct, Enum
    {
        filter = given ? ProtoEnums.ToDomain<TDomain>(value) : null;
        return validator.Require(!given || filter is not null, field, "is not a known value");
    }

    /// <summary>Free text to search for, as stored text is compared: NFKC, trimmed, lower case (Latin letters match either case).</summary>
    public static Validator RequireQuery(this Validator validator, bool given, string text, string field, out string? query)
    {
        query = given && !string.IsNullOrWhiteSpace(text) ? Platform.Domain.TextRules.Normalize(text).Trim().ToLowerInvariant() : null;
        return validator.Require(query is null || Platform.Domain.TextRules.Length(query) <= MaxQueryLength, field,
            "must be at most {0} characters", MaxQueryLength);
    }

    /// <summary>The first instant of a China date, in UTC: instants are stored in UTC and compared at that offset.</summary>
    public static DateTimeOffset ChinaMidnight(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), WorkingDayCalendar.ChinaStandardTimeOffset).ToUniversalTime();
}
