namespace Longgang.Governance.Contracts.Events.V1;

/// <summary>
/// A department fell below the one-third rule (部门三分之一力量下沉): on <c>On</c>, fewer than a third of its
/// <c>Headcount</c> are seconded to the districts (<c>Seconded</c>), after a headcount change or a secondment ending.
/// Raised once when it falls below, not again until it has met the rule in between.
/// </summary>
public sealed record SecondmentTargetMissed(
    string DepartmentCode,
    int Headcount,
    int Seconded,
    DateOnly On,
    DateTimeOffset At);
