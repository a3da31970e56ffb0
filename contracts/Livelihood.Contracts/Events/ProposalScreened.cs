namespace Longgang.Livelihood.Contracts.Events.V1;

/// <summary>
/// The livelihood office screened a proposal: Outcome CANDIDATE (accepted onto the vote's candidate list), SCREENED_OUT
/// (with Reason) or MERGED (folded into the proposal MergedIntoId). ProposerKind and ProposerId say who proposed it
/// (CITIZEN, DEPUTY, DEPARTMENT, DELIBERATION or HOTSPOT, as the project's proposer kind), so the proposer can be told.
/// </summary>
public sealed record ProposalScreened(
    Guid ProjectId,
    int Year,
    string Title,
    string ProposerKind,
    string ProposerId,
    string Outcome,
    string? Reason,
    Guid? MergedIntoId)
{
    public const string Candidate = "CANDIDATE";
    public const string ScreenedOut = "SCREENED_OUT";
    public const string Merged = "MERGED";
}
