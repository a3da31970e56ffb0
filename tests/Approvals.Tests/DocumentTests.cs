using System.Diagnostics;
using System.Text.RegularExpressions;
using Longgang.Approvals.Contracts.V1;
using Longgang.Platform;
using Longgang.Platform.Errors;
using static Longgang.Approvals.Tests.Callers;

namespace Longgang.Approvals.Tests;

/// <summary>
/// The printed documents through the gRPC service class: each one rendered, its text read back with PdfPig and its
/// Chinese fields checked; a page rasterised to show the CJK glyphs are really drawn; who may print; the public check of
/// a verification code.
/// </summary>
public sealed partial class DocumentTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ApprovalsTestHost _host = null!;
    private static readonly Caller MarketClerk = Clerk(Departments.Market);

    public async ValueTask InitializeAsync()
    {
        PdfTools.RequireFont();
        _host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    /// <summary>A food business licence (MS-001) handed in at a hall without its floor plan and safety officer certificate.</summary>
    private Task<Application> SubmitIncompleteAsync() =>
        _host.CallAsync(Citizen, (s, c) => s.SubmitApplication(new SubmitApplicationRequest
        {
            MatterCode = "MS-001", ApplicantName = "王芳", Channel = Channel.ServiceHall, DistrictCode = "district-03",
            Materials = { "application form", "business licence" },
        }, c));

    private Task<byte[]> PrintAsync(Caller caller, string id, DocumentKind kind) =>
        _host.CallAsync(caller, async (s, c) => (await s.GetApplicationDocument(new() { Id = id, Kind = kind }, c)).Data.ToByteArray());

    private Task<DocumentVerification> VerifyAsync(string code) =>
        _host.CallAsync(Citizen, (s, c) => s.GetDocumentVerification(new() { Code = code }, c));

    private static string CodeIn(string text) => CodeLine().Match(text) is { Success: true } m ? m.Groups[1].Value.Replace("-", "", StringComparison.Ordinal)
        : throw new Xunit.Sdk.XunitException("no verification code in: " + text);

    [GeneratedRegex("验证码：([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")]
    private static partial Regex CodeLine();

    [Fact]
    public async Task Every_document_is_printed_in_Chinese_with_its_number_dates_basis_department_and_code()
    {
        var application = await SubmitIncompleteAsync();
        _host.Clock.Advance(TimeSpan.FromHours(2));
        await _host.CallAsync(MarketClerk, (s, c) => s.RequestCorrection(new() { Id = application.Id }, c));

        var started = Stopwatch.GetTimestamp();
        var notice = await PrintAsync(Citizen, application.Id, DocumentKind.CorrectionNotice);
        output.WriteLine($"一次性告知书: {notice.Length} bytes, printed in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms (first print, font loading included)");
        started = Stopwatch.GetTimestamp();
        notice = await PrintAsync(Citizen, application.Id, DocumentKind.CorrectionNotice);
        output.WriteLine($"一次性告知书: {notice.Length} bytes, printed again in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
        var text = PdfTools.TextOf(notice);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(notice, 0, 5));
        foreach (var expected in new[] { "一次性告知书", "王芳", "食品经营许可（MS-001）", "市场监督管理局", application.Id, "经营场所平面图", "食品安全管理员证书", "2026年3月2日" })
            Assert.Contains(expected, text);
        CodeIn(text);

        _host.Clock.Advance(TimeSpan.FromDays(1));
        await _host.CallAsync(Citizen, (s, c) => s.ResubmitApplication(new() { Id = application.Id, Materials = { "premises floor plan", "food safety officer certificate" } }, c));
        await _host.CallAsync(MarketClerk, (s, c) => s.AcceptApplication(new() { Id = application.Id }, c));
        text = PdfTools.TextOf(await PrintAsync(MarketClerk, application.Id, DocumentKind.AcceptanceNotice));
        foreach (var expected in new[] { "受理通知书", "予以受理", "受理日期：2026年3月3日", "承诺办结期限：2026年3月10日（5个工作日，按国务院办公厅公布的节假日安排计算）", "法定办结期限", application.Id })
            Assert.Contains(expected, text);

        _host.Clock.Advance(TimeSpan.FromDays(1));
        await _host.CallAsync(MarketClerk, (s, c) => s.DecideStep(new() { Id = application.Id, Decision = Decision.Approve }, c));
        text = PdfTools.TextOf(await PrintAsync(Citizen, application.Id, DocumentKind.Decision));
        foreach (var expected in new[] { "准予行政许可决定书", "决定日期：2026年3月4日", "证书颁发期限", "按国务院办公厅公布的节假日安排计算", "市场监督管理局" })
            Assert.Contains(expected, text);

        var issued = await _host.CallAsync(MarketClerk, (s, c) => s.IssueCertificate(new() { Id = application.Id }, c));
        text = PdfTools.TextOf(await PrintAsync(Citizen, application.Id, DocumentKind.Certificate));
        foreach (var expected in new[] { "行政许可证书", "证书编号：" + issued.CertificateNumber, "发证日期：2026年3月4日", "王芳" })
            Assert.Contains(expected, text);

        var refused = await SubmitIncompleteAsync();
        await _host.CallAsync(MarketClerk, (s, c) => s.RejectAcceptance(new() { Id = refused.Id, Reason = "经营场所不在龙岗区范围内" }, c));
        text = PdfTools.TextOf(await PrintAsync(Citizen, refused.Id, DocumentKind.NotAcceptedDecision));
        foreach (var expected in new[] { "不予受理决定书", "理由：经营场所不在龙岗区范围内", "行政复议", refused.Id })
            Assert.Contains(expected, text);
    }

    [Fact]
    public async Task A_provisional_deadline_says_it_may_still_move()
    {
        // 2027 is provisional in the shipped calendar data: the acceptance notice says so, as the API's calendarBasis does
        await _host.DisposeAsync();
        _host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2027, 12, 27, 1, 0, 0, TimeSpan.Zero));
        var application = await _host.CallAsync(Citizen, (s, c) => s.SubmitApplication(new SubmitApplicationRequest
        {
            MatterCode = "MS-002", ApplicantName = "王芳", Channel = Channel.Online, Materials = { "application form", "identity card" },
        }, c));
        await _host.ConfirmOriginalsAsync(MarketClerk, application.Id, ["application form", "identity card"]);
        var accepted = await _host.CallAsync(MarketClerk, (s, c) => s.AcceptApplication(new() { Id = application.Id }, c));

        var text = PdfTools.TextOf(await PrintAsync(Citizen, application.Id, DocumentKind.AcceptanceNotice));
        Assert.Equal(CalendarBasis.Provisional, accepted.CalendarBasis);
        Assert.Contains("暂按法定节假日计算", text);
    }

    [Fact]
    public async Task A_page_shows_the_CJK_glyphs_when_rasterised()
    {
        var application = await SubmitIncompleteAsync();
        await _host.CallAsync(MarketClerk, (s, c) => s.RequestCorrection(new() { Id = application.Id }, c));

        var page = PdfTools.FirstPageAsGrey(await PrintAsync(Citizen, application.Id, DocumentKind.CorrectionNotice), dpi: 72);

        // the title, 一次性告知书 in 22 pt centred below the 72 pt top margin: its strokes are dark pixels; a font that
        // was not embedded or has no CJK glyphs leaves the band blank
        var title = Dark(page, top: 72, bottom: 100, left: 0, right: page.GetLength(1));
        var margin = Dark(page, top: 0, bottom: 60, left: 0, right: page.GetLength(1));
        output.WriteLine($"dark pixels: title band {title}, top margin {margin}");
        Assert.True(title > 150, $"the title band has {title} dark pixels: no glyphs drawn");
        Assert.Equal(0, margin);
    }

    private static int Dark(byte[,] page, int top, int bottom, int left, int right)
    {
        var count = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                if (page[y, x] < 128) count++;
            }
        }
        return count;
    }

    [Fact]
    public async Task A_document_that_does_not_exist_yet_is_a_conflict()
    {
        var application = await SubmitIncompleteAsync();

        foreach (var kind in new[] { DocumentKind.AcceptanceNotice, DocumentKind.CorrectionNotice, DocumentKind.NotAcceptedDecision, DocumentKind.Decision, DocumentKind.Certificate })
            await Assert.ThrowsAsync<ConflictException>(() => PrintAsync(Citizen, application.Id, kind));
        var unknownKind = await Assert.ThrowsAsync<ValidationFailedException>(() => PrintAsync(Citizen, application.Id, DocumentKind.Unspecified));
        Assert.Equal(["kind"], unknownKind.FieldErrors.Keys);
    }

    [Fact]
    public async Task Only_the_applicant_the_submitter_and_the_handling_department_print()
    {
        var application = await SubmitIncompleteAsync();
        await _host.CallAsync(MarketClerk, (s, c) => s.RequestCorrection(new() { Id = application.Id }, c));

        Assert.NotEmpty(await PrintAsync(Citizen, application.Id, DocumentKind.CorrectionNotice));
        Assert.NotEmpty(await PrintAsync(Platform.Testing.Callers.Supervisor(Departments.Market), application.Id, DocumentKind.CorrectionNotice));
        foreach (var foreign in new[] { OtherCitizen, Clerk(Departments.Housing), CityAdmin, OtherGridWorker })
            await Assert.ThrowsAsync<ForbiddenException>(() => PrintAsync(foreign, application.Id, DocumentKind.CorrectionNotice));
    }

    [Fact]
    public async Task A_code_is_stable_and_verifies_anonymously_with_only_the_kind_and_the_matter()
    {
        var application = await SubmitIncompleteAsync();
        await _host.CallAsync(MarketClerk, (s, c) => s.RequestCorrection(new() { Id = application.Id }, c));

        var code = CodeIn(PdfTools.TextOf(await PrintAsync(Citizen, application.Id, DocumentKind.CorrectionNotice)));
        Assert.Equal(code, CodeIn(PdfTools.TextOf(await PrintAsync(MarketClerk, application.Id, DocumentKind.CorrectionNotice))));

        // as typed off the paper: lower case, with the dashes
        var verified = await VerifyAsync($"{code[..4].ToLowerInvariant()}-{code[4..8]}-{code[8..]}");
        Assert.True(verified.Valid);
        Assert.Equal(DocumentKind.CorrectionNotice, verified.Kind);
        Assert.Equal("MS-001", verified.MatterCode);
        Assert.Equal("Food business licence", verified.MatterName); // the test's culture is invariant: the English name
        Assert.Equal(4, typeof(DocumentVerification).GetProperties().Count(p => p.Name is "Valid" or "Kind" or "MatterCode" or "MatterName"));
        Assert.DoesNotContain("王芳", verified.ToString());

        var unknown = await VerifyAsync("0000-0000-0000");
        Assert.False(unknown.Valid);
        Assert.False(unknown.HasKind);
        var malformed = await Assert.ThrowsAsync<ValidationFailedException>(() => VerifyAsync("ABC"));
        Assert.Equal(["code"], malformed.FieldErrors.Keys);
    }

    [Fact]
    public async Task A_second_correction_notice_supersedes_the_first_ones_code()
    {
        var application = await SubmitIncompleteAsync();
        await _host.CallAsync(MarketClerk, (s, c) => s.RequestCorrection(new() { Id = application.Id }, c));
        var first = CodeIn(PdfTools.TextOf(await PrintAsync(Citizen, application.Id, DocumentKind.CorrectionNotice)));
        await _host.CallAsync(Citizen, (s, c) => s.ResubmitApplication(new() { Id = application.Id, Materials = { "premises floor plan", "food safety officer certificate" } }, c));

        // a new defect, not asked for before: allowed once more
        await _host.CallAsync(MarketClerk, (s, c) => s.RequestCorrection(new() { Id = application.Id, Materials = { "lease of the premises" } }, c));
        var second = CodeIn(PdfTools.TextOf(await PrintAsync(Citizen, application.Id, DocumentKind.CorrectionNotice)));

        Assert.NotEqual(first, second);
        Assert.False((await VerifyAsync(first)).Valid);
        Assert.True((await VerifyAsync(second)).Valid);
    }
}
