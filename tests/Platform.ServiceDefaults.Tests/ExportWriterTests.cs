using System.Runtime.CompilerServices;
using System.Text;
using Longgang.Platform.Api.Exports;
using MiniExcelLibs;

namespace Longgang.Platform.Tests;

/// <summary>The export writers stream: a page is asked for only after the previous pages have reached the response.</summary>
public sealed class ExportWriterTests
{
    private const int Pages = 30;
    private const int RowsPerPage = 100;

    /// <summary>Pages of rows that note how many bytes the response had received when each page was asked for.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<string[]>> PagesAsync(Stream written, List<long> bytesBeforePage,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var page = 0; page < Pages; page++)
        {
            await Task.Yield();
            bytesBeforePage.Add(written.Length);
            yield return Enumerable.Range(0, RowsPerPage)
                .Select(i => new[] { $"第{page}页第{i}行", "=1+1", "a,\"b\"" })
                .ToArray();
        }
    }

    [Fact]
    public async Task Csv_pages_reach_the_response_before_the_next_page_is_read()
    {
        using var response = new MemoryStream();
        var before = new List<long>();

        await new CsvExportWriter().WriteAsync(response, ["名称", "formula", "quoted"], PagesAsync(response, before), TestContext.Current.CancellationToken);

        // every page after the first finds the previous page already written
        Assert.All(before.Skip(1).Zip(before), pair => Assert.True(pair.First > pair.Second, $"{pair.First} <= {pair.Second}"));
        var text = Encoding.UTF8.GetString(response.ToArray());
        Assert.StartsWith("\uFEFF名称,formula,quoted\r\n第0页第0行,'=1+1,\"a,\"\"b\"\"\"\r\n", text, StringComparison.Ordinal);
        Assert.Equal(Pages * RowsPerPage + 1, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Xlsx_rows_reach_the_response_before_the_last_page_is_read()
    {
        using var response = new MemoryStream();
        var before = new List<long>();

        await new XlsxExportWriter().WriteAsync(response, ["名称", "formula", "quoted"], PagesAsync(response, before), TestContext.Current.CancellationToken);

        // the zip is written as rows arrive, not assembled in memory and written at the end
        Assert.True(before[^1] > 0, "nothing was written before the last page was read");
        response.Position = 0;
        var rows = MiniExcel.Query(response, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(Pages * RowsPerPage, rows.Count);
        Assert.Equal("第0页第0行", rows[0]["名称"]);
        Assert.Equal("a,\"b\"", rows[0]["quoted"]);
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+86 577", "'+86 577")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("plain 中文", "plain 中文")]
    public void Csv_cells_are_quoted_and_defused(string cell, string written) => Assert.Equal(written, CsvExportWriter.Escape(cell));
}
