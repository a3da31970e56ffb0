using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Longgang.Platform.Api.Exports;

namespace Longgang.Platform.Api.OpenData;

/// <summary>
/// The files of an open dataset: CSV (UTF-8 with a byte order mark, RFC 4180, the header row the dictionary's column
/// names, as the exports write it), JSON (the dataset, the year and the rows as objects keyed by column name) and
/// the dictionary as JSON.
/// </summary>
public static class OpenDataWriters
{
    private static readonly JsonWriterOptions Json = new()
    {
        Indented = true,
        // served as UTF-8 JSON, never embedded in HTML: keep Chinese readable
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Csv(OpenDataDictionary dictionary, IReadOnlyList<object?[]> rows)
    {
        var text = new StringBuilder("\uFEFF");
        text.AppendJoin(',', dictionary.Columns.Select(c => CsvExportWriter.Escape(c.Name))).Append("\r\n");
        foreach (var row in rows) text.AppendJoin(',', row.Select(value => CsvExportWriter.Escape(Cell(value)))).Append("\r\n");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    public static byte[] Rows(OpenDataDictionary dictionary, int year, IReadOnlyList<object?[]> rows) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("dataset", dictionary.Name);
        json.WriteNumber("year", year);
        json.WriteString("dictionary", OpenDataFiles.DictionaryFile(dictionary.Name));
        json.WriteStartArray("rows");
        foreach (var row in rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < dictionary.Columns.Count; i++)
            {
                json.WritePropertyName(dictionary.Columns[i].Name);
                WriteValue(json, row[i]);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    public static byte[] Dictionary(OpenDataDictionary dictionary) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("dataset", dictionary.Name);
        json.WriteString("titleZh", dictionary.TitleZh);
        json.WriteString("titleEn", dictionary.TitleEn);
        json.WriteStartArray("columns");
        foreach (var column in dictionary.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("type", column.Type);
            // null where the column has no unit
            json.WriteString("unit", column.Unit);
            json.WriteString("meaningZh", column.MeaningZh);
            json.WriteString("meaningEn", column.MeaningEn);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Json)) write(json);
        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case double d: json.WriteNumberValue(Math.Round(d, 4)); break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => Math.Round(d, 4).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
