using Longgang.Governance.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

/// <summary>
/// The one-third rule (部门三分之一力量下沉): a department meets it on a day when at least a third of its headcount is
/// seconded on that day. Counted in whole people (seconded × 3 ≥ headcount), so no rounding decides a boundary.
/// </summary>
public static class OneThirdRule
{
    public static bool Meets(int headcount, int seconded) => seconded * 3 >= headcount;

    /// <summary>The share seconded, 0 to 1; 0 for a department with no headcount.</summary>
    public static double Share(int headcount, int seconded) => headcount == 0 ? 0 : (double)seconded / headcount;
}

/// <summary>
/// A department's headcount, which city admins maintain. It is the aggregate that raises
/// <see cref="SecondmentTargetMissed"/> when a change (a new headcount, a secondment ending) takes the department from
/// meeting the one-third rule to missing it; a department already below is not warned again until it recovers.
/// </summary>
public sealed class DepartmentHeadcount : Aggregate
{
    public const int MaxHeadcount = 100_000;

    public string DepartmentCode { get; private set; } = "";
    public int Headcount { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    private DepartmentHeadcount() { }

    public static void EnsureMaySet(Caller caller)
    {
        if (!caller.IsCityAdmin) throw new ForbiddenException("Only a city admin maintains a department's headcount.");
    }

    /// <summary>
    /// Sets the headcount (a new row when <paramref name="existing"/> is null); <paramref name="secondedToday"/> is how
    /// many of its staff are seconded on <paramref name="today"/>, to tell whether the change makes it miss the rule.
    /// </summary>
    public static DepartmentHeadcount Set(DepartmentHeadcount? existing, string departmentCode, int headcount, int secondedToday,
        DateOnly today, Caller caller, DateTimeOffset now)
    {
        EnsureMaySet(caller);
        new Validator()
            .Require(ReferenceData.IsDepartment(departmentCode), "departmentCode", "no department '{0}'", departmentCode)
            .Require(headcount is >= 1 and <= MaxHeadcount, "headcount", "must be between 1 and {0}", MaxHeadcount)
            .ThrowIfInvalid();
        var row = existing ?? new DepartmentHeadcount { DepartmentCode = departmentCode };
        var metBefore = existing is null || OneThirdRule.Meets(existing.Headcount, secondedToday);
        row.Headcount = headcount;
        row.UpdatedAt = now;
        row.UpdatedBy = caller.Subject;
        if (metBefore && !OneThirdRule.Meets(headcount, secondedToday)) row.RecordMissed(secondedToday, today, now);
        return row;
    }

    /// <summary>
    /// After a secondment of the department ended or moved its end: <paramref name="before"/> and
    /// <paramref name="after"/> are how many are seconded on <paramref name="day"/>, the first day the change counts.
    /// </summary>
    public void NoteSecondedChange(int before, int after, DateOnly day, DateTimeOffset now)
    {
        if (OneThirdRule.Meets(Headcount, before) && !OneThirdRule.Meets(Headcount, after)) RecordMissed(after, day, now);
    }

    private void RecordMissed(int seconded, DateOnly day, DateTimeOffset now) =>
        Record(new SecondmentTargetMissed(DepartmentCode, Headcount, seconded, day, now));
}

/// <summary>One department's line of the secondment report, on the day asked.</summary>
public sealed record SecondmentReportLine(string DepartmentCode, int Headcount, int Seconded)
{
    public double Share => OneThirdRule.Share(Headcount, Seconded);
    public bool MeetsTarget => OneThirdRule.Meets(Headcount, Seconded);
    /// <summary>The people still to second to meet the rule; 0 when it is met.</summary>
    public int Shortfall => MeetsTarget ? 0 : ((Headcount + 2) / 3) - Seconded;
}
