using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Approvals.Domain;

public enum SubmissionChannel
{
    Online = 1,
    ServiceHall = 2, // at a district's convenience-service hall
    GridWorker = 3,  // a grid worker on a citizen's behalf
}

public enum ApplicationStatus
{
    Submitted = 1,
}

/// <summary>What a caller hands in to submit an application (already parsed, not yet validated).</summary>
public sealed record SubmissionDraft(
    string MatterCode,
    string? ApplicantId,
    string? ApplicantName,
    SubmissionChannel? Channel,
    string? DistrictCode,
    IReadOnlyList<string> Materials);

/// <summary>A citizen's application for one matter.</summary>
public sealed class Application
{
    public const int MaxMaterials = 50;

    public Guid Id { get; private set; }
    public string MatterCode { get; private set; } = "";
    public int MatterVersion { get; private set; }
    public string DepartmentCode { get; private set; } = "";
    public string ApplicantId { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public SubmissionChannel Channel { get; private set; }
    public string? DistrictCode { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public List<string> Materials { get; private set; } = [];
    public List<string> MissingMaterials { get; private set; } = [];
    public DateTimeOffset SubmittedAt { get; private set; }
    public int PromisedLimitDays { get; private set; }
    public int StatutoryLimitDays { get; private set; }

    private Application() { }

    /// <summary>
    /// Validates the draft (all bad fields at once), checks that the caller may submit it, and records the
    /// missing materials so that one correction notice can list them all.
    /// </summary>
    public static Application Submit(Matter? matter, SubmissionDraft draft, Caller caller, DateTimeOffset now)
    {
        var needsDistrict = draft.Channel is SubmissionChannel.ServiceHall or SubmissionChannel.GridWorker;
        var onBehalf = !caller.Is(PlatformRoles.Citizen);
        new Validator()
            .Require(!string.IsNullOrWhiteSpace(draft.MatterCode), "matterCode", "is required")
            .Require(string.IsNullOrWhiteSpace(draft.MatterCode) || matter is not null, "matterCode", $"no matter '{draft.MatterCode}' in the catalogue")
            .Require(draft.Channel is not null, "channel", "is required (ONLINE, SERVICE_HALL or GRID_WORKER)")
            .Require(!needsDistrict || !string.IsNullOrWhiteSpace(draft.DistrictCode), "districtCode", "is required at a service hall or through a grid worker")
            .Require(string.IsNullOrWhiteSpace(draft.DistrictCode) || ReferenceData.IsDistrict(draft.DistrictCode), "districtCode", $"no district '{draft.DistrictCode}'")
            .Require(!onBehalf || !string.IsNullOrWhiteSpace(draft.ApplicantId), "applicantId", "is required when submitting on a citizen's behalf")
            .Require((draft.ApplicantId?.Length ?? 0) <= 64, "applicantId", "must be at most 64 characters")
            .RequireText(draft.ApplicantName, "applicantName", 100)
            .Require(draft.Materials.Count <= MaxMaterials, "materials", $"at most {MaxMaterials} materials")
            .Require(draft.Materials.All(m => !string.IsNullOrWhiteSpace(m) && m.Length <= 200), "materials", "each material needs a name of at most 200 characters")
            .ThrowIfInvalid();

        var channel = draft.Channel!.Value;
        var district = string.IsNullOrWhiteSpace(draft.DistrictCode) ? null : draft.DistrictCode;
        var applicantId = onBehalf ? draft.ApplicantId! : caller.Subject;
        ApplicationAccess.EnsureMaySubmit(caller, channel, district, draft.ApplicantId);

        return new Application
        {
            Id = Guid.CreateVersion7(now),
            MatterCode = matter!.Code,
            MatterVersion = matter.Version,
            DepartmentCode = matter.DepartmentCode,
            ApplicantId = applicantId,
            ApplicantName = draft.ApplicantName!.Trim(),
            Channel = channel,
            DistrictCode = district,
            Status = ApplicationStatus.Submitted,
            Materials = draft.Materials.Select(m => m.Trim()).ToList(),
            MissingMaterials = matter.MissingFrom(draft.Materials).ToList(),
            SubmittedAt = now,
            PromisedLimitDays = matter.PromisedLimitDays,
            StatutoryLimitDays = matter.StatutoryLimitDays,
        };
    }
}
