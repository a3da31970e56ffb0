using System.Globalization;
using Longgang.Platform.Errors;

namespace Longgang.Platform.Api;

/// <summary>Ids and dates as requests carry them (text), parsed once, with a 400 naming the field otherwise.</summary>
public static class RequestParsing
{
    /// <summary>Dates on the wire are China dates, written YYYY-MM-DD.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <param name="what">The id's kind with its article, as the message reads: "an application id".</param>
    public static Guid Id(string? value, string field, string what) =>
        Guid.TryParse(value, out var id) ? id : throw new ValidationFailedException(field, "must be {0} (a UUID)", new LocalText(what));

    /// <summary>Null for an empty field (the caller decides whether it is required); a 400 for anything else that is not a date.</summary>
    public static DateOnly? Date(string? value, string field) =>
        string.IsNullOrEmpty(value) ? null
        : TryDate(value, out var date) ? date
        : throw new ValidationFailedException(field, "must be a date, YYYY-MM-DD");

    /// <summary>For a request that reports all of its bad fields at once: false when <paramref name="value"/> is not a date.</summary>
    public static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A date as the wire writes it; unset is the empty string.</summary>
    public static string Text(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Null for an empty text field, so "not given" and "given" read differently.</summary>
    public static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
