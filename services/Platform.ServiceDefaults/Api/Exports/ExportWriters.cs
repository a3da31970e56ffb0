using System.Text;
using MiniExcelLibs;

namespace Longgang.Platform.Api.Exports;

/// <summary>One export format: its media type and file extension, and how rows reach the response as they arrive.</summary>
internal abstract class ExportWriter
{
    public abstract string ContentType { get; }
    public abstract string Extension { get; }

    /// <summary>Writes the header and then each page's rows; a page is asked for only once the previous one is written.</summary>
    public abstract Task WriteAsync(Stream body, IReadOnlyList<string> titles, IAsyncEnumerable<IReadOnlyList<string[]>> pages, CancellationToken ct);

    public static ExportWriter? For(string? format) => format switch
    {
        "csv" => new CsvExportWriter(),
        "xlsx" => new XlsxExportWriter(),
        _ => null,
    };
}

/// <summary>
/// RFC 4180 CSV in UTF-8 with a byte order mark (without one Excel reads Chinese text as mojibake), CRLF line ends,
/// and a leading apostrophe on a cell that starts like a formula (= + - @, tab, CR), which a spreadsheet would run.
/// </summary>
internal sealed class CsvExportWriter : ExportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public override string ContentType => "text/csv; charset=utf-8";
    public override string Extension => "csv";

    public override async Task WriteAsync(Stream body, IReadOnlyList<string> titles, IAsyncEnumerable<IReadOnlyList<string[]>> pages, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync('\uFEFF');
        await WriteLineAsync(writer, titles);
        await foreach (var page in pages.WithCancellation(ct))
        {
            foreach (var row in page) await WriteLineAsync(writer, row);
            // each page goes out before the next is read: the client sees progress, the server holds one page
            await writer.FlushAsync(ct);
        }
    }

    private static async Task WriteLineAsync(StreamWriter writer, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) await writer.WriteAsync(',');
            await writer.WriteAsync(Escape(cells[i]));
        }
        await writer.WriteAsync("\r\n");
    }

    public static string Escape(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r') cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}

/// <summary>
/// XLSX through MiniExcel, which writes the sheet row by row into a zip stream that needs no seeking, so rows go out
/// as pages arrive (DocumentFormat.OpenXml keeps a part in memory until the package is saved). MiniExcel pulls its
/// rows synchronously: each page is awaited on the thread it pulls from (ASP.NET Core has no synchronization
/// context to deadlock on).
/// </summary>
internal sealed class XlsxExportWriter : ExportWriter
{
    public override string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public override string Extension => "xlsx";

    public override async Task WriteAsync(Stream body, IReadOnlyList<string> titles, IAsyncEnumerable<IReadOnlyList<string[]>> pages, CancellationToken ct)
    {
        var keys = UniqueKeys(titles);
        await MiniExcel.SaveAsAsync(body, Rows(keys, pages, ct), sheetName: "export", cancellationToken: ct);
    }

    private static IEnumerable<IDictionary<string, object>> Rows(string[] keys, IAsyncEnumerable<IReadOnlyList<string[]>> pages, CancellationToken ct)
    {
        var enumerator = pages.GetAsyncEnumerator(ct);
        try
        {
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                foreach (var cells in enumerator.Current)
                {
                    var row = new Dictionary<string, object>(keys.Length);
                    for (var i = 0; i < keys.Length; i++) row[keys[i]] = cells[i];
                    yield return row;
                }
            }
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The header row is the rows' keys: two columns whose titles translate alike keep both.</summary>
    private static string[] UniqueKeys(IReadOnlyList<string> titles)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return titles.Select(title =>
        {
            var key = title;
            for (var n = 2; !seen.Add(key); n++) key = $"{title} ({n})";
            return key;
        }).ToArray();
    }
}
