using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Talent.Domain;

public enum ProgrammeKind
{
    HousingSubsidy = 1,
    SettlementGrant = 2,
    ResearchFunding = 3,
}

/// <summary>What one tier of certified talent receives from a programme, in whole yuan.</summary>
public sealed class TierAmount
{
    public string TierCode { get; init; } = "";
    public long Amount { get; init; }
}

public sealed record ProgrammeDraft(
    string? Code,
    string? Name,
    ProgrammeKind? Kind,
    int Year,
    string? MatterCode,
    long Budget,
    IReadOnlyDictionary<string, long> TierAmounts,
    bool RequiresResidence,
    bool RequiresEmployerInCity,
    int ClaimValidityDays,
    TalentChannel? Channel = TalentChannel.InternalCultivation);

/// <summary>
/// A year's programme (housing subsidy, settlement grant, research funding) with a budget, an amount per tier and its
/// eligibility rules. Claims are approved through the approvals service under <see cref="MatterCode"/>.
/// <see cref="Committed"/> (claims validated, approved or paid) and <see cref="Paid"/> change only through the store's
/// conditional updates, never by loading and saving this object, so concurrent claims cannot over-commit the budget.
/// </summary>
public sealed class Programme : Aggregate
{
    public const int MaxCodeLength = 32;

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public ProgrammeKind Kind { get; private set; }
    public int Year { get; private set; }
    public string MatterCode { get; private set; } = "";
    public TalentChannel Channel { get; private set; }
    public long Budget { get; private set; }
    public long Committed { get; private set; }
    public long Paid { get; private set; }
    private readonly List<TierAmount> _tierAmounts = [];
    public IReadOnlyList<TierAmount> TierAmounts => _tierAmounts;
    public bool RequiresResidence { get; private set; }
    public bool RequiresEmployerInCity { get; private set; }
    /// <summary>How many days after approval an approved entitlement may be paid; unpaid after that, it expires.</summary>
    public int ClaimValidityDays { get; private set; }

    public long Remaining => Budget - Committed;

    private Programme() { }

    public static Programme Create(ProgrammeDraft draft, IReadOnlyCollection<string> tierCodes, Caller caller)
    {
        CertificationAccess.EnsureTalentOffice(caller);
        new Validator()
            .RequireText(draft.Code, "code", MaxCodeLength)
            .Require(draft.Code is null || draft.Code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'), "code", "only letters, digits and '-'")
            .RequireText(draft.Name, "name", 200)
            .Require(draft.Kind is not null, "kind", "is required ({0}, {1} or {2})", ProgrammeKind.HousingSubsidy, ProgrammeKind.SettlementGrant, ProgrammeKind.ResearchFunding)
            .Require(draft.Year is >= 2000 and <= 2100, "year", "must be a year between {0} and {1}", 2000, 2100)
            .RequireText(draft.MatterCode, "matterCode", 32)
            .Require(draft.Budget > 0, "budget", "must be a positive amount of yuan")
            .Require(draft.TierAmounts.Count > 0, "tierAmounts", "name at least one eligible tier and its amount")
            .Require(draft.TierAmounts.Keys.All(tierCodes.Contains), "tierAmounts", "names a tier not in the catalogue")
            .Require(draft.TierAmounts.Values.All(a => a > 0 && a <= draft.Budget), "tierAmounts", "each amount must be positive and within the budget")
            .Require(draft.ClaimValidityDays is > 0 and <= 366, "claimValidityDays", "must be between {0} and {1}", 1, 366)
            .RequireChannel(draft.Channel)
            .ThrowIfInvalid();
        var programme = new Programme
        {
            Code = draft.Code!.Trim().ToUpperInvariant(),
            Name = draft.Name!.Trim(),
            Kind = draft.Kind!.Value,
            Year = draft.Year,
            MatterCode = draft.MatterCode!.Trim(),
            Channel = draft.Channel!.Value,
            Budget = draft.Budget,
            RequiresResidence = draft.RequiresResidence,
            RequiresEmployerInCity = draft.RequiresEmployerInCity,
            ClaimValidityDays = draft.ClaimValidityDays,
        };
        programme._tierAmounts.AddRange(draft.TierAmounts.OrderBy(t => t.Key).Select(t => new TierAmount { TierCode = t.Key, Amount = t.Value }));
        return programme;
    }

    /// <summary>The amount for a tier, or null when the tier is not eligible.</summary>
    public long? AmountFor(string tierCode) => TierAmounts.FirstOrDefault(t => t.TierCode == tierCode)?.Amount;
}
