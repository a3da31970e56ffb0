using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Longgang.Platform.Calendar;

/// <summary>
/// The shape of one <c>Data/{year}.json</c> file. <c>basis</c> is absent in a notice's file (official); it is
/// written only for a provisional year, so that such a year read back is not mistaken for a notice.
/// </summary>
internal sealed record CalendarYearFile(
    int Year,
    string Source,
    IReadOnlyList<HolidayBlock> Holidays,
    IReadOnlyList<MakeUpWorkday> MakeUpWorkdays,
    string? Basis = null)
{
    private const string ProvisionalBasis = "provisional";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // A misspelt or missing field must stop the load, not silently drop a holiday.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        // Holiday names stay readable Chinese in the file a person reviews; HTML-sensitive characters stay escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static CalendarYear Parse(string json)
    {
        CalendarYearFile file;
        try
        {
            file = JsonSerializer.Deserialize<CalendarYearFile>(json, Options)
                ?? throw new CalendarYearInvalidException("", "A calendar file is empty (null).");
        }
        catch (JsonException e)
        {
            throw new CalendarYearInvalidException(FieldOf(e.Path), $"A calendar file is not valid: {e.Message}");
        }
        var basis = file.Basis switch
        {
            null => CalendarBasis.Official,
            ProvisionalBasis => CalendarBasis.Provisional,
            _ => throw new CalendarYearInvalidException("basis", $"A calendar file has basis \"{file.Basis}\"; only \"{ProvisionalBasis}\" may be written."),
        };
        return CalendarYear.Create(file.Year, basis, file.Source, file.Holidays, file.MakeUpWorkdays);
    }

    public static string Write(CalendarYear year) =>
        JsonSerializer.Serialize(
            new CalendarYearFile(year.Year, year.Source, year.Holidays, year.MakeUpWorkdays,
                year.Basis == CalendarBasis.Provisional ? ProvisionalBasis : null),
            Options);

    // System.Text.Json reports "$.holidays[1].last"; the exception's Field has no root marker.
    private static string FieldOf(string? path) =>
        path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
