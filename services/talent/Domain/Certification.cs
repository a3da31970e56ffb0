using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Talent.Domain;

public enum CertificationStatus
{
    Submitted = 1,
}

/// <summary>What a caller hands in to apply for certification (already parsed, not yet validated).</summary>
public sealed record CertificationDraft(
    string? TierCode,
    string? ApplicantName,
    string? Employer,
    string? Sector,
    string? DistrictCode,
    IReadOnlyList<string> Evidence);

/// <summary>A person's application to be certified at one tier of the talent catalogue.</summary>
public sealed class Certification
{
    public const int MaxEvidence = 20;
    public const int MaxEvidenceLength = 300;

    public Guid Id { get; private set; }
    public string ApplicantId { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public string TierCode { get; private set; } = "";
    public int CatalogueVersion { get; private set; }
    public string Employer { get; private set; } = "";
    public string Sector { get; private set; } = "";
    /// <summary>Where the applicant works, when given.</summary>
    public string? DistrictCode { get; private set; }
    public List<string> Evidence { get; private set; } = [];
    public CertificationStatus Status { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }

    private Certification() { }

    /// <summary>
    /// Checks that the caller may apply, then validates the draft (all bad fields at once) against the tier
    /// found in the current catalogue (null when there is none with the requested code).
    /// </summary>
    public static Certification Apply(Tier? tier, CertificationDraft draft, Caller caller, DateTimeOffset now)
    {
        // who may apply does not depend on the input, so a refused caller learns nothing about validation
        CertificationAccess.EnsureMayApply(caller);
        new Validator()
            .Require(!string.IsNullOrWhiteSpace(draft.TierCode), "tierCode", "is required")
            .Require(string.IsNullOrWhiteSpace(draft.TierCode) || tier is not null, "tierCode", $"no tier '{draft.TierCode}' in the current catalogue")
            .RequireText(draft.ApplicantName, "applicantName", 100)
            .RequireText(draft.Employer, "employer", 200)
            .RequireText(draft.Sector, "sector", 100)
            .Require(string.IsNullOrWhiteSpace(draft.DistrictCode) || ReferenceData.IsDistrict(draft.DistrictCode), "districtCode", $"no district '{draft.DistrictCode}'")
            .Require(draft.Evidence.Count <= MaxEvidence, "evidence", $"at most {MaxEvidence} items")
            .Require(draft.Evidence.All(e => !string.IsNullOrWhiteSpace(e) && e.Length <= MaxEvidenceLength), "evidence", $"each item needs a reference of at most {MaxEvidenceLength} characters")
            .ThrowIfInvalid();

        return new Certification
        {
            Id = Guid.CreateVersion7(now),
            ApplicantId = caller.Subject,
            ApplicantName = draft.ApplicantName!.Trim(),
            TierCode = tier!.Code,
            CatalogueVersion = tier.CatalogueVersion,
            Employer = draft.Employer!.Trim(),
            Sector = draft.Sector!.Trim(),
            DistrictCode = string.IsNullOrWhiteSpace(draft.DistrictCode) ? null : draft.DistrictCode,
            Evidence = draft.Evidence.Select(e => e.Trim()).ToList(),
            Status = CertificationStatus.Submitted,
            SubmittedAt = now,
        };
    }
}
