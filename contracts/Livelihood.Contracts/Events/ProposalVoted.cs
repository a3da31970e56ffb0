namespace Longgang.Livelihood.Contracts.Events.V1;

/// <summary>
/// The deputies' vote was counted and this candidate's result is known: Outcome ADOPTED, or why it was not
/// (BELOW_MINIMUM_SUPPORT, OVER_BUDGET, OVER_CATEGORY_ENVELOPE, OVER_DISTRICT_ENVELOPE, NO_SLOT_LEFT), with its rank,
/// score and supporters in the count. ProposerKind and ProposerId say who proposed it, so the proposer can be told.
/// </summary>
public sealed record ProposalVoted(
    Guid ProjectId,
    int Year,
    string Title,
    string ProposerKind,
    string ProposerId,
    string Outcome,
    int Rank,
    long Score,
    int Supporters,
    DateTimeOffset CountedAt)
{
    public const string Adopted = "ADOPTED";
}
