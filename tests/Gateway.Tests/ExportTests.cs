using System.Net;
using System.Net.Http.Json;
using System.Text;
using Longgang.Platform;
using MiniExcelLibs;

namespace Longgang.Gateway.Tests;

/// <summary>
/// 250 cases in two grids of district-01 (160 and 90), reported through the gateway, and a platform whose exports
/// stop at 200 rows: enough for several pages of the largest page size (100) and for the bound.
/// </summary>
public sealed class ExportPlatformFixture : PlatformFixture
{
    public const string BusyGrid = "grid-01-01-1";
    public const string QuietGrid = "grid-01-02-1";
    public const int BusyCases = 160;
    public const int QuietCases = 90;
    public const int MaxRows = 200;

    /// <summary>Chinese text with a comma, quotes and a line break: what CSV quoting and the BOM must carry intact.</summary>
    public const string Description = "河边垃圾，\"三袋\"\n请清理";

    /// <summary>A description a spreadsheet would run as a formula.</summary>
    public const string Formula = "=HYPERLINK(\"http://evil.example\")";

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>(base.Overrides)
    {
        ["Exports:MaxRows"] = MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimit:PermitLimit"] = "100000",
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        using var grid = CreateClient(PlatformRoles.GridWorker, "district-01", "grid-export");
        for (var i = 0; i < BusyCases + QuietCases; i++)
        {
            using var response = await grid.PostAsJsonAsync("/api/governance/v1/cases", new
            {
                gridCode = i < BusyCases ? BusyGrid : QuietGrid,
                source = "CASE_SOURCE_GRID_PATROL",
                category = "环境卫生",
                description = i == 0 ? Formula : Description,
            });
            response.EnsureSuccessStatusCode();
        }
    }
}

public sealed class ExportTests(ExportPlatformFixture fixture) : IClassFixture<ExportPlatformFixture>
{
    private const string Cases = "/api/governance/v1/cases";

    [Fact]
    public async Task A_csv_export_holds_every_page_of_the_filtered_list_in_utf8_with_a_bom()
    {
        using var admin = fixture.CreateClient(PlatformRoles.CityAdmin);
        using var response = await admin.GetAsync($"{Cases}:export?format=csv&gridCode={ExportPlatformFixture.BusyGrid}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("cases.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));

        var header = rows[0];
        var data = rows.Skip(1).ToList();
        // the list's own rows and filters: one grid's 160 cases, more than one page of 100
        Assert.Equal(ExportPlatformFixture.BusyCases, data.Count);
        Assert.All(data, row => Assert.Equal(ExportPlatformFixture.BusyGrid, row[header.IndexOf("gridCode")]));
        Assert.Equal(data.Count, data.Select(row => row[header.IndexOf("id")]).Distinct().Count());
        // Chinese text, commas, quotes and line breaks come back as they were sent; enums by their wire name;
        // instants at +08:00
        Assert.Contains(data, row => row[header.IndexOf("description")] == Longgang.Platform.Domain.TextRules.Normalize(ExportPlatformFixture.Description));
        Assert.All(data, row => Assert.Equal("环境卫生", row[header.IndexOf("category")]));
        Assert.All(data, row => Assert.Equal("CASE_SOURCE_GRID_PATROL", row[header.IndexOf("source")]));
        Assert.All(data, row => Assert.EndsWith("+08:00", row[header.IndexOf("reportedAt")], StringComparison.Ordinal));
        // a cell a spreadsheet would run is defused
        Assert.Contains(data, row => row[header.IndexOf("description")] == "'" + ExportPlatformFixture.Formula);
    }

    [Fact]
    public async Task An_xlsx_export_reads_back_with_the_same_rows()
    {
        using var admin = fixture.CreateClient(PlatformRoles.CityAdmin);
        using var response = await admin.GetAsync($"{Cases}:export?format=xlsx&gridCode={ExportPlatformFixture.BusyGrid}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cases.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(ExportPlatformFixture.BusyCases, rows.Count);
        Assert.All(rows, row => Assert.Equal(ExportPlatformFixture.BusyGrid, row["gridCode"]));
        Assert.Contains(rows, row => (string?)row["description"] == Longgang.Platform.Domain.TextRules.Normalize(ExportPlatformFixture.Description));
        Assert.All(rows, row => Assert.Equal("环境卫生", row["category"]));
    }

    [Fact]
    public async Task An_export_over_the_bound_is_refused_before_anything_is_written()
    {
        using var admin = fixture.CreateClient(PlatformRoles.CityAdmin);
        var list = await admin.GetStringAsync($"{Cases}?pageSize=1", TestContext.Current.CancellationToken);
        if (!list.Contains("\"totalSize\"", StringComparison.Ordinal))
        {
            // a list that does not count its rows yet (before the list conventions reach it) cannot be refused up front:
            // the download fails once it passes the bound, never a silently cut-off file
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => admin.GetByteArrayAsync($"{Cases}:export?format=csv", TestContext.Current.CancellationToken));
            return;
        }
        using var response = await admin.GetAsync($"{Cases}:export?format=csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("250", body, StringComparison.Ordinal);
        Assert.Contains(ExportPlatformFixture.MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_foreign_scope_is_refused_as_the_report_itself_refuses_it()
    {
        using var admin = fixture.CreateClient(PlatformRoles.DistrictAdmin, "district-01", "admin-export");
        using var report = await admin.GetAsync("/api/governance/v1/districts/district-02/report", TestContext.Current.CancellationToken);
        using var export = await admin.GetAsync("/api/governance/v1/districts/district-02/report:export?format=csv", TestContext.Current.CancellationToken);
        using var anonymous = fixture.CreateClient();
        using var unauthenticated = await anonymous.GetAsync($"{Cases}:export?format=csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Equal("application/problem+json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task A_report_exports_its_rows()
    {
        using var admin = fixture.CreateClient(PlatformRoles.DistrictAdmin, "district-01", "admin-export");
        using var response = await admin.GetAsync("/api/governance/v1/districts/district-01/report:export?format=csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Csv.Parse((await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimStart('\uFEFF'));
        // the report's first repeated field: returns per assignee
        Assert.Equal(["assigneeCode", "returns"], rows[0]);
    }

    [Theory]
    [InlineData("format=csv&gridKode=x", "gridKode")]
    [InlineData("format=pdf", "format")]
    [InlineData("gridCode=x", "format")]
    [InlineData("format=csv&status=CASE_STATUS_LOST", "status")]
    public async Task Bad_parameters_are_refused_naming_them(string query, string field)
    {
        using var admin = fixture.CreateClient(PlatformRoles.CityAdmin);
        using var response = await admin.GetAsync($"{Cases}:export?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
    }

    /// <summary>RFC 4180, as a spreadsheet reads it: quoted cells may hold commas, quotes ("") and line breaks.</summary>
    private static class Csv
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                switch (quoted, c)
                {
                    case (true, '"') when next == '"':
                        cell.Append('"');
                        i++;
                        break;
                    case (true, '"'):
                        quoted = false;
                        break;
                    case (false, '"'):
                        quoted = true;
                        break;
                    case (false, ','):
                        row.Add(cell.ToString());
                        cell.Clear();
                        break;
                    case (false, '\r') when next == '\n':
                        row.Add(cell.ToString());
                        cell.Clear();
                        rows.Add(row);
                        row = [];
                        i++;
                        break;
                    default:
                        cell.Append(c);
                        break;
                }
            }
            Assert.Empty(cell.ToString());
            return rows;
        }
    }
}
