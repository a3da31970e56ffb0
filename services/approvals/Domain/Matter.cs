using System.Text.RegularExpressions;
using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Approvals.Domain;

public enum MatterKind
{
    OnTheSpot = 1, // 即办件: decided at the counter
    Promised = 2,  // 承诺件: decided within the promised limit
    Joint = 3,     // 联办件: several departments in parallel
}

/// <summary>What a clerk hands in to define or change a matter (already parsed, not yet validated).</summary>
public sealed record MatterDraft(
    string? Code,
    string? Name,
    string? DepartmentCode,
    MatterKind? Kind,
    IReadOnlyList<string> RequiredMaterials,
    int StatutoryLimitDays,
    int PromisedLimitDays,
    int MaxVisits,
    IReadOnlyList<string> ParticipatingDepartments,
    bool SupervisionRequired = false,
    MatterGuide? Guide = null,
    string? CityTag = null);

/// <summary>
/// The matter's service guide (办事指南) as the public catalogue shows it: who may apply, what it costs, the law it rests
/// on and where to go. Seeded in English and translated at the API; a clerk types them in their own language.
/// </summary>
public sealed record MatterGuide(string? Conditions, string? Fees, string? LegalBasis, string? WhereToGo)
{
    public const int MaxLength = 2000;
}

/// <summary>A matter (事项) of the catalogue, at one version: an application keeps the version it was submitted under.</summary>
public sealed partial class Matter
{
    public const int MaxStatutoryLimitDays = 365;
    public const int MaxRequiredMaterials = 50;

    public string Code { get; init; } = "";
    public int Version { get; init; } = 1;
    public string Name { get; init; } = "";
    /// <summary>The lead department: it accepts applications and issues the certificate.</summary>
    public string DepartmentCode { get; init; } = "";
    public MatterKind Kind { get; init; }
    private List<string> _requiredMaterials = [];
    public IReadOnlyList<string> RequiredMaterials { get => _requiredMaterials; init => _requiredMaterials = [.. value]; }
    /// <summary>Working days allowed by law, from acceptance.</summary>
    public int StatutoryLimitDays { get; init; }
    /// <summary>Working days the city promises; never above the statutory limit.</summary>
    public int PromisedLimitDays { get; init; }
    public int MaxVisits { get; init; } = 1;
    /// <summary>Joint matters only: every department that reviews in parallel, the lead department among them.</summary>
    private List<string> _participatingDepartments = [];
    public IReadOnlyList<string> ParticipatingDepartments { get => _participatingDepartments; init => _participatingDepartments = [.. value]; }
    /// <summary>A licence granted under this matter is followed up on site by the district's market-supervision module.</summary>
    public bool SupervisionRequired { get; init; }
    /// <summary>The service guide's texts (<see cref="MatterGuide"/>); null where the guide says nothing.</summary>
    public string? Conditions { get; init; }
    public string? Fees { get; init; }
    public string? LegalBasis { get; init; }
    public string? WhereToGo { get; init; }
    /// <summary>The 一区五城 tag (<see cref="CityTags"/>) its applications count towards on the dashboards; null where none fits.</summary>
    public string? CityTag { get; init; }
    public DateTimeOffset DefinedAt { get; init; }
    public string DefinedBy { get; init; } = "";

    /// <summary>The departments whose review an accepted application waits for.</summary>
    public IReadOnlyList<string> ReviewingDepartments => Kind == MatterKind.Joint ? ParticipatingDepartments : [DepartmentCode];

    /// <summary>The required materials not among <paramref name="provided"/>, compared after NFKC and ignoring Latin case.</summary>
    public IReadOnlyList<string> MissingFrom(IEnumerable<string> provided)
    {
        var given = provided.Select(m => TextRules.Normalize(m).Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return RequiredMaterials.Where(m => !given.Contains(TextRules.Normalize(m).Trim())).ToList();
    }

    /// <summary>Version 1 of a new matter, or the next version of <paramref name="current"/>.</summary>
    public static Matter Define(MatterDraft draft, Matter? current, Caller caller, DateTimeOffset now)
    {
        var department = string.IsNullOrWhiteSpace(draft.DepartmentCode) ? caller.DepartmentCode : draft.DepartmentCode.Trim();
        var participants = draft.ParticipatingDepartments.Select(d => d.Trim()).Distinct().ToList();
        var materials = draft.RequiredMaterials.Select(m => TextRules.Normalize(m).Trim()).ToList();
        var guide = draft.Guide ?? new MatterGuide(null, null, null, null);
        // a department that does not exist is checked by role only here, and validation reports it
        if (!caller.Is(PlatformRoles.Clerk) || (ReferenceData.IsDepartment(department) && !caller.BelongsTo(department)))
            throw new ForbiddenException("Only a clerk of the matter's department manages it.");
        if (current is not null && current.DepartmentCode != department)
            throw new ForbiddenException("Matter {0} belongs to {1}.", current.Code, current.DepartmentCode);
        new Validator()
            .Require(!string.IsNullOrWhiteSpace(draft.Code), "code", "is required")
            .Require(string.IsNullOrWhiteSpace(draft.Code) || CodePattern().IsMatch(draft.Code), "code", "must be 3-32 capital letters, digits or hyphens, such as MS-001")
            .RequireText(draft.Name, "name", 200)
            .Require(ReferenceData.IsDepartment(department), "departmentCode", "no department '{0}'", department)
            .Require(draft.Kind is not null, "kind", "is required ({0}, {1} or {2})", MatterKind.OnTheSpot, MatterKind.Promised, MatterKind.Joint)
            .Require(draft.StatutoryLimitDays is > 0 and <= MaxStatutoryLimitDays, "statutoryLimitDays", "must be between {0} and {1} working days", 1, MaxStatutoryLimitDays)
            .Require(draft.PromisedLimitDays >= 0, "promisedLimitDays", "must not be negative")
            .Require(draft.PromisedLimitDays <= draft.StatutoryLimitDays, "promisedLimitDays", "must not exceed the statutory limit")
            .Require(draft.MaxVisits is >= 0 and <= 5, "maxVisits", "must be between {0} and {1}", 0, 5)
            .Require(materials.Count <= MaxRequiredMaterials, "requiredMaterials", "at most {0} materials", MaxRequiredMaterials)
            .Require(materials.All(m => TextRules.Length(m) is > 0 and <= 200), "requiredMaterials", "each material needs a name of at most {0} characters", 200)
            .Require(materials.Distinct(StringComparer.OrdinalIgnoreCase).Count() == materials.Count, "requiredMaterials", "lists a material twice")
            .Require(draft.Kind != MatterKind.Joint || participants.Count >= 2, "participatingDepartments", "a joint matter needs at least two departments")
            .Require(draft.Kind != MatterKind.Joint || participants.Contains(department ?? ""), "participatingDepartments", "must include the lead department")
            .Require(draft.Kind == MatterKind.Joint || participants.Count == 0, "participatingDepartments", "only joint matters have participating departments")
            .Require(participants.All(ReferenceData.IsDepartment), "participatingDepartments", "names a department that does not exist")
            .RequireGuideText(guide.Conditions, "conditions")
            .RequireGuideText(guide.Fees, "fees")
            .RequireGuideText(guide.LegalBasis, "legalBasis")
            .RequireGuideText(guide.WhereToGo, "whereToGo")
            .Require(string.IsNullOrWhiteSpace(draft.CityTag) || CityTags.IsKnown(draft.CityTag), "cityTag", "no city tag '{0}'", draft.CityTag)
            .ThrowIfInvalid();

        return new Matter
        {
            Code = draft.Code!,
            Version = (current?.Version ?? 0) + 1,
            Name = draft.Name!.Trim(),
            DepartmentCode = department!,
            Kind = draft.Kind!.Value,
            RequiredMaterials = materials,
            StatutoryLimitDays = draft.StatutoryLimitDays,
            PromisedLimitDays = draft.PromisedLimitDays,
            MaxVisits = draft.MaxVisits,
            ParticipatingDepartments = participants,
            SupervisionRequired = draft.SupervisionRequired,
            Conditions = GuideText(guide.Conditions),
            Fees = GuideText(guide.Fees),
            LegalBasis = GuideText(guide.LegalBasis),
            WhereToGo = GuideText(guide.WhereToGo),
            CityTag = string.IsNullOrWhiteSpace(draft.CityTag) ? null : draft.CityTag,
            DefinedAt = now,
            DefinedBy = caller.Subject,
        };
    }

    private static string? GuideText(string? text) => string.IsNullOrWhiteSpace(text) ? null : TextRules.Normalize(text).Trim();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{2,31}$")]
    private static partial Regex CodePattern();
}

internal static class GuideValidation
{
    public static Validator RequireGuideText(this Validator validator, string? text, string field) =>
        validator.Require(text is null || TextRules.Length(text) <= MatterGuide.MaxLength, field, "must be at most {0} characters", MatterGuide.MaxLength);
}
