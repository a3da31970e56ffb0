using Longgang.Approvals.Data;
using Longgang.Platform.Api.OpenData;
using Longgang.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Grpc;

/// <summary>
/// Approvals' on-time figures as open data (issue 17 §3): per China month of the decision, department and matter, the
/// applications decided, how many on time, and the rates the performance report shows. Counted in the database, one
/// GROUP BY per month: nothing of an application leaves it but the sums, so no applicant can be named.
/// </summary>
public sealed class OnTimeDataset(ApprovalsDbContext db) : IOpenDataset
{
    public const string Name = "approvals-on-time";

    public OpenDataDictionary Dictionary { get; } = new(Name, "行政审批按时办结情况", "Approvals decided on time",
    [
        new("month", OpenDataTypes.Text, null, "办结月份（北京时间，YYYY-MM）", "The month of the decision (China time, YYYY-MM)"),
        new("department_code", OpenDataTypes.Text, null, "办理部门代码", "The deciding department's code"),
        new("matter_code", OpenDataTypes.Text, null, "审批事项代码", "The matter's code"),
        new("decided", OpenDataTypes.Integer, "applications", "当月办结（作出决定）的申请数", "Applications decided in the month"),
        new("on_time", OpenDataTypes.Integer, "applications", "在承诺时限（含延长）内办结的申请数", "Of those, decided within the promised limit (with any extension)"),
        new("on_time_rate", OpenDataTypes.Number, "ratio", "按时办结率：on_time / decided（0 至 1）", "on_time / decided (0 to 1)"),
        new("compression_ratio", OpenDataTypes.Number, "ratio",
            "审批时限压缩比：1 − 实际用时（工作日）之和 / 法定时限之和；目标为 0.4 以上", "1 − Σ elapsed working days / Σ statutory limits; the city's goal is above 0.4"),
        new("visits_per_application", OpenDataTypes.Number, "visits", "平均每件申请的现场跑动次数（“最多跑一次”即不超过 1）", "In-person visits per application ('run at most once' means at most 1)"),
    ]);

    public async Task<IReadOnlyList<object?[]>> RowsAsync(int year, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        for (var month = 1; month <= 12; month++)
        {
            // [the month's first day 00:00, the next month's) in China, as UTC instants: decisions are stored in UTC
            var start = ChinaMidnight(new DateOnly(year, month, 1));
            var end = ChinaMidnight(new DateOnly(year, month, 1).AddMonths(1));
            var groups = await db.Applications.AsNoTracking()
                .Where(a => a.DecidedAt >= start && a.DecidedAt < end && a.ElapsedWorkingDays != null)
                .Where(a => a.Status == Domain.ApplicationStatus.Approved || a.Status == Domain.ApplicationStatus.Rejected
                    || a.Status == Domain.ApplicationStatus.Issued)
                .GroupBy(a => new { a.DepartmentCode, a.MatterCode })
                .Select(g => new
                {
                    g.Key.DepartmentCode,
                    g.Key.MatterCode,
                    Decided = g.Count(),
                    // the rule of Application.IsOnTime, on the columns
                    OnTime = g.Sum(a => a.ElapsedWorkingDays <= a.PromisedLimitDays + a.ExtensionWorkingDays ? 1 : 0),
                    Elapsed = g.Sum(a => (long)a.ElapsedWorkingDays!.Value),
                    Statutory = g.Sum(a => (long)a.StatutoryLimitDays),
                    Visits = g.Sum(a => (long)a.Visits),
                })
                .ToListAsync(cancellationToken);
            rows.AddRange(groups.OrderBy(g => g.DepartmentCode, StringComparer.Ordinal).ThenBy(g => g.MatterCode, StringComparer.Ordinal).Select(g => new object?[]
            {
                $"{year:D4}-{month:D2}", g.DepartmentCode, g.MatterCode, g.Decided, g.OnTime, (double)g.OnTime / g.Decided,
                g.Statutory == 0 ? 0d : 1 - (double)g.Elapsed / g.Statutory, (double)g.Visits / g.Decided,
            }));
        }
        return rows;
    }

    private static DateTimeOffset ChinaMidnight(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), WorkingDayCalendar.ChinaStandardTimeOffset).ToUniversalTime();
}
