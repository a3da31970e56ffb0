using System.Globalization;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;

namespace Longgang.Approvals.Documents;

/// <summary>
/// The wording of each document, after the model texts service halls use. Documents are official papers and always
/// Chinese, whatever the caller's language; names the service owns come in already translated.
/// </summary>
public static class DocumentComposer
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private const string AppealRights = "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。";

    /// <param name="matterName">The matter's name in Chinese.</param>
    /// <param name="translate">A material's (or any owned name's) Chinese.</param>
    /// <param name="issuedBy">The ledger line that issued the document (<see cref="ApplicationDocuments.IssuedBy"/>).</param>
    public static PrintedDocument Compose(Application application, DocumentKind kind, LedgerEntry issuedBy, string matterName,
        Func<string, string> translate, WorkingDayCalendar calendar, string verificationCode)
    {
        var a = application;
        var matter = $"{matterName}（{a.MatterCode}）";
        var received = Day(a.ReceivedAt);
        var fields = new List<(string, string)>
        {
            ("申请编号", a.Id.ToString()),
            ("申请人", a.ApplicantName),
            ("申请事项", matter),
            ("承办部门", DepartmentName(a.DepartmentCode)),
            ("收件日期", Day(a.SubmittedAt)),
        };
        var paragraphs = new List<string>();
        var items = new List<string>();
        var closing = new List<string>();
        string title;
        switch (kind)
        {
            case DocumentKind.AcceptanceNotice:
                title = "受理通知书";
                paragraphs.Add(a.DeemedAccepted
                    ? $"你（单位）于{received}提出的{matter}申请，本机关未在收到申请材料之日起{Application.CorrectionWindowDays}个工作日内一次性告知需要补正的全部内容，依照《中华人民共和国行政许可法》第三十二条，自收到申请材料之日起即为受理。"
                    : $"你（单位）于{received}提出的{matter}申请，申请材料齐全、符合法定形式，依照《中华人民共和国行政许可法》第三十二条，本机关决定予以受理。");
                fields.Add(("受理日期", Day(a.AcceptedAt!.Value)));
                if (a.ClockStartOn is { } start && a.PromisedDueOn is { } promised && a.StatutoryDueOn is { } statutory)
                {
                    fields.Add(("承诺办结期限", $"{Day(promised)}（{a.PromisedLimitDays}个工作日，{Basis(calendar.BasisOf(start, promised))}）"));
                    fields.Add(("法定办结期限", $"{Day(statutory)}（{a.StatutoryLimitDays}个工作日，{Basis(calendar.BasisOf(start, statutory))}）"));
                }
                closing.Add("期限以工作日计算，不含法定节假日；听证、检验、专家评审等所需时间不计入期限。");
                break;
            case DocumentKind.CorrectionNotice:
                title = "一次性告知书";
                paragraphs.Add($"你（单位）于{Day(a.SubmittedAt)}提出的{matter}申请，申请材料不齐全或者不符合法定形式。依照《中华人民共和国行政许可法》第三十二条，现一次性告知需要补正的全部材料如下：");
                items.AddRange(a.RequestedCorrections.Select(translate));
                fields.Add(("告知日期", Day(issuedBy.At)));
                closing.Add("请一次性补正上述全部材料后重新提交；本机关自收到补正材料之日起重新审查。");
                break;
            case DocumentKind.NotAcceptedDecision:
                title = "不予受理决定书";
                paragraphs.Add($"你（单位）于{received}提出的{matter}申请，经审查，依照《中华人民共和国行政许可法》第三十二条，本机关决定不予受理。");
                fields.Add(("理由", a.StatusReason ?? ""));
                fields.Add(("决定日期", Day(issuedBy.At)));
                closing.Add(AppealRights);
                break;
            case DocumentKind.Decision when a.Status == ApplicationStatus.Rejected:
                title = "不予行政许可决定书";
                paragraphs.Add($"你（单位）提出的{matter}申请，经审查，不符合法定条件、标准，依照《中华人民共和国行政许可法》第三十八条，本机关决定不予行政许可。");
                fields.Add(("理由", a.StatusReason ?? ""));
                fields.Add(("决定日期", Day(a.DecidedAt!.Value)));
                fields.Add(("办理用时", $"{a.ElapsedWorkingDays}个工作日（法定期限{a.StatutoryLimitDays}个工作日）"));
                closing.Add(AppealRights);
                break;
            case DocumentKind.Decision:
                title = "准予行政许可决定书";
                paragraphs.Add($"你（单位）提出的{matter}申请，经审查，符合法定条件、标准，依照《中华人民共和国行政许可法》第三十八条，本机关决定准予行政许可。");
                fields.Add(("决定日期", Day(a.DecidedAt!.Value)));
                fields.Add(("办理用时", $"{a.ElapsedWorkingDays}个工作日（法定期限{a.StatutoryLimitDays}个工作日）"));
                if (a.CertificateDueOn is { } certificateDue)
                {
                    var decidedOn = WorkingDayCalendar.ChinaDateOf(a.DecidedAt!.Value);
                    fields.Add(("证书颁发期限", $"{Day(certificateDue)}（{Application.CertificateLimitDays}个工作日，{Basis(calendar.BasisOf(decidedOn, certificateDue))}）"));
                }
                break;
            case DocumentKind.Certificate:
                title = "行政许可证书";
                paragraphs.Add($"经审查，准予{a.ApplicantName}办理{matter}，特发此证。");
                fields.Add(("证书编号", a.CertificateNumber ?? ""));
                fields.Add(("发证日期", Day(a.IssuedAt!.Value)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        return new PrintedDocument(title, $"{a.ApplicantName}：", paragraphs, items, fields, closing,
            DepartmentName(a.DepartmentCode), Day(issuedBy.At), verificationCode);
    }

    /// <summary>How the deadline was counted, as the API's calendar_basis says it.</summary>
    public static string Basis(CalendarBasis basis) => basis == CalendarBasis.Official
        ? "按国务院办公厅公布的节假日安排计算"
        : "暂按法定节假日计算，国务院办公厅公布当年安排后可能调整";

    private static string DepartmentName(string code) => ReferenceData.DepartmentName(code, Chinese) ?? code;

    private static string Day(DateTimeOffset instant) => Day(WorkingDayCalendar.ChinaDateOf(instant));

    private static string Day(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";
}
