using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Longgang.Gateway.Tests;

/// <summary>
/// Issue 17 §3: the open data downloads anonymously through the gateway, every file with rows, documented column for
/// column by its dictionary, with nothing of a person in it, and cached with an ETag. Against the demo
/// (docs/open-data.md).
/// </summary>
public sealed class OpenDataTests(DemoPlatformFixture fixture) : IClassFixture<DemoPlatformFixture>
{
    private const string Livelihood = "/api/livelihood/v1/public/open-data";
    private const string Approvals = "/api/approvals/v1/public/open-data";

    /// <summary>Columns that would name or identify a person: none may be in any file.</summary>
    private static readonly string[] PersonalColumns =
    [
        "applicant_id", "applicant_name", "applicant", "resident_id", "resident_id_number", "id_number", "id_card", "name",
        "person_id", "proposer_id", "proposer", "deputy_id", "ballot", "phone", "subject", "submitted_by", "recorded_by",
    ];

    /// <summary>The demo's applicants (names and ID-card numbers) and proposers: none may appear in a file.</summary>
    private static readonly string[] DemoPeople = ["王芳", "张伟", "陈静", "赵敏", "周杰", "330383", "demo-citizen", "demo-deputy", "demo-clerk"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Last year's board (the adopted projects), this year's (the project carried into it), this year's decisions.</summary>
    private IEnumerable<(string Dictionary, string File)> YearFiles()
    {
        var year = fixture.Now.Year;
        foreach (var extension in new[] { "csv", "json" })
        {
            yield return ($"{Livelihood}/livelihood-board.dictionary.json", $"{Livelihood}/livelihood-board-{year - 1}.{extension}");
            yield return ($"{Livelihood}/livelihood-board.dictionary.json", $"{Livelihood}/livelihood-board-{year}.{extension}");
            yield return ($"{Approvals}/approvals-on-time.dictionary.json", $"{Approvals}/approvals-on-time-{year}.{extension}");
        }
    }

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path, string? etag = null)
    {
        using var anonymous = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (etag is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        var response = await anonymous.SendAsync(request, Ct);
        // decoded by hand: ReadAsStringAsync would drop the byte order mark the CSV must start with
        return (response, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)));
    }

    /// <summary>The column names of a file: the CSV header row, or the keys of every JSON row (all alike).</summary>
    private static (string[] Columns, int Rows) Read(string file, string body)
    {
        if (file.EndsWith(".csv", StringComparison.Ordinal))
        {
            Assert.StartsWith("\uFEFF", body, StringComparison.Ordinal);
            var lines = body[1..].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            return (lines[0].Split(','), lines.Length - 1);
        }
        using var json = JsonDocument.Parse(body);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        var keys = rows.Select(r => string.Join(',', r.EnumerateObject().Select(p => p.Name))).Distinct().ToList();
        Assert.True(keys.Count <= 1, $"{file}: rows with different columns");
        return (keys.Count == 0 ? [] : keys[0].Split(','), rows.Count);
    }

    private async Task<string[]> DictionaryColumnsAsync(string dictionary)
    {
        var (response, body) = await GetAsync(dictionary);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToList();
        Assert.All(columns, c =>
        {
            foreach (var field in new[] { "name", "type", "meaningZh", "meaningEn" })
                Assert.False(string.IsNullOrWhiteSpace(c.GetProperty(field).GetString()), $"{dictionary}: a column without {field}");
            Assert.Contains(c.GetProperty("type").GetString(), new[] { "string", "integer", "number" });
        });
        return [.. columns.Select(c => c.GetProperty("name").GetString()!)];
    }

    [Fact]
    public async Task Every_file_downloads_anonymously_with_rows_each_column_in_its_dictionary_and_no_person_in_it()
    {
        foreach (var (dictionary, file) in YearFiles())
        {
            var (response, body) = await GetAsync(file);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {body}");
            var (columns, rows) = Read(file, body);
            Assert.True(rows > 0, $"{file} has no rows: {body}");
            // the dictionary documents every column and nothing else, in the files' order
            Assert.Equal(await DictionaryColumnsAsync(dictionary), columns);
            Assert.Empty(columns.Intersect(PersonalColumns));
            Assert.DoesNotContain(DemoPeople, person => body.Contains(person, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_file_is_cached_with_an_etag_and_a_client_that_has_it_gets_a_304()
    {
        var file = $"{Livelihood}/livelihood-board-{fixture.Now.Year - 1}.csv";
        var (first, body) = await GetAsync(file);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag?.ToString();
        Assert.NotNull(etag);
        Assert.Equal("public, max-age=300", first.Headers.CacheControl?.ToString());
        Assert.Equal("text/csv", first.Content.Headers.ContentType?.MediaType);

        var (again, _) = await GetAsync(file, etag);
        var (other, otherBody) = await GetAsync(file, "\"not-the-file\"");

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag?.ToString());
        Assert.Equal((HttpStatusCode.OK, body), (other.StatusCode, otherBody));
    }
}
