using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.Events.V1;

namespace Longgang.Talent.Domain;

public enum PositionStatus
{
    Open = 1,
    Filled = 2,
}

public sealed record PositionDraft(string? Title, string? Sector, string? TierSought, string? DistrictCode, string? EmployerName,
    TalentChannel? Channel = TalentChannel.InternalCultivation);

/// <summary>A position an employer posts: sector, the tier sought, the district of the workplace. Filled by its first hire.</summary>
public sealed class Position : Aggregate
{
    public Guid Id { get; private set; }
    /// <summary>The employer's account (token subject).</summary>
    public string EmployerId { get; private set; } = "";
    public string EmployerName { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Sector { get; private set; } = "";
    public string TierSought { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public TalentChannel Channel { get; private set; }
    public PositionStatus Status { get; private set; }
    public DateTimeOffset PostedAt { get; private set; }
    public int Revision { get; private set; }

    private Position() { }

    public static Position Post(PositionDraft draft, IReadOnlyCollection<string> tierCodes, Caller caller, DateTimeOffset now)
    {
        if (!caller.Is(PlatformRoles.Employer))
            throw new ForbiddenException("The role '{0}' may not post positions; employers post their own.", caller.Role);
        new Validator()
            .RequireText(draft.Title, "title", 200)
            .RequireText(draft.EmployerName, "employerName", 200)
            .RequireText(draft.Sector, "sector", 100)
            .Require(!string.IsNullOrWhiteSpace(draft.TierSought), "tierSought", "is required")
            .Require(string.IsNullOrWhiteSpace(draft.TierSought) || tierCodes.Contains(draft.TierSought), "tierSought", "no tier '{0}' in the current catalogue", draft.TierSought)
            .Require(!string.IsNullOrWhiteSpace(draft.DistrictCode), "districtCode", "is required")
            .Require(string.IsNullOrWhiteSpace(draft.DistrictCode) || ReferenceData.IsDistrict(draft.DistrictCode), "districtCode", "no district '{0}'", draft.DistrictCode)
            .RequireChannel(draft.Channel)
            .ThrowIfInvalid();
        return new Position
        {
            Id = Guid.CreateVersion7(now),
            EmployerId = caller.Subject,
            EmployerName = TextRules.Normalize(draft.EmployerName!).Trim(),
            Title = TextRules.Normalize(draft.Title!).Trim(),
            Sector = TextRules.Normalize(draft.Sector!).Trim(),
            TierSought = draft.TierSought!,
            DistrictCode = draft.DistrictCode!,
            Channel = draft.Channel!.Value,
            Status = PositionStatus.Open,
            PostedAt = now,
        };
    }

    public void Fill()
    {
        Status = PositionStatus.Filled;
        Revision++;
    }
}

public enum PositionApplicationStatus
{
    Applied = 1,
    Screening = 2,
    Interview = 3,
    Offer = 4,
    Hired = 5,
    Declined = 6,
}

/// <summary>
/// A candidate's application for a position, moved by the employer: screening → interview → offer → hired, or declined.
/// Every move records <see cref="PositionApplicationMoved"/>.
/// </summary>
public sealed class PositionApplication : Aggregate
{
    public Guid Id { get; private set; }
    public Guid PositionId { get; private set; }
    public string EmployerId { get; private set; } = "";
    public string CandidateId { get; private set; } = "";
    public string CandidateName { get; private set; } = "";
    public PositionApplicationStatus Status { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public DateTimeOffset? HiredAt { get; private set; }
    /// <summary>Whether the candidate held a valid certification when hired: such hires count in the talent figures.</summary>
    public bool CertifiedHire { get; private set; }
    public string? CertifiedTier { get; private set; }
    public int Revision { get; private set; }

    private PositionApplication() { }

    public static PositionApplication Apply(Position position, string? candidateName, Caller caller, DateTimeOffset now)
    {
        if (!caller.Is(PlatformRoles.Citizen))
            throw new ForbiddenException("The role '{0}' may not apply for positions; candidates apply for themselves.", caller.Role);
        new Validator().RequireText(candidateName, "candidateName", 100).ThrowIfInvalid();
        if (position.Status != PositionStatus.Open)
            throw new ConflictException("The position has been filled.");
        return new PositionApplication
        {
            Id = Guid.CreateVersion7(now),
            PositionId = position.Id,
            EmployerId = position.EmployerId,
            CandidateId = caller.Subject,
            CandidateName = TextRules.Normalize(candidateName!).Trim(),
            Status = PositionApplicationStatus.Applied,
            AppliedAt = now,
        };
    }

    /// <summary>
    /// The employer moves the application one step on (or declines it while it is open). Hiring fills the position;
    /// <paramref name="candidateCertification"/> is the candidate's certification valid today, if any.
    /// </summary>
    public void Advance(PositionApplicationStatus? to, Position position, Certification? candidateCertification, Caller caller, DateTimeOffset now)
    {
        if (!caller.Is(PlatformRoles.Employer) || caller.Subject != EmployerId)
            throw new ForbiddenException("Only the employer who posted the position moves its applications.");
        new Validator()
            .Require(to is not null and not PositionApplicationStatus.Applied, "status", "must be {0}, {1}, {2}, {3} or {4}", PositionApplicationStatus.Screening,
                PositionApplicationStatus.Interview, PositionApplicationStatus.Offer, PositionApplicationStatus.Hired, PositionApplicationStatus.Declined)
            .ThrowIfInvalid();
        var allowedFrom = to switch
        {
            PositionApplicationStatus.Screening => [PositionApplicationStatus.Applied],
            PositionApplicationStatus.Interview => [PositionApplicationStatus.Screening],
            PositionApplicationStatus.Offer => [PositionApplicationStatus.Interview],
            PositionApplicationStatus.Hired => [PositionApplicationStatus.Offer],
            _ => new[] { PositionApplicationStatus.Applied, PositionApplicationStatus.Screening, PositionApplicationStatus.Interview, PositionApplicationStatus.Offer },
        };
        if (!allowedFrom.Contains(Status))
            throw new ConflictException("Cannot move an application from {0} to {1}.", Status, to);
        if (to == PositionApplicationStatus.Hired)
        {
            if (position.Status != PositionStatus.Open)
                throw new ConflictException("The position has already been filled.");
            position.Fill();
            HiredAt = now;
            CertifiedHire = candidateCertification is not null;
            CertifiedTier = candidateCertification?.TierCode;
        }
        Status = to!.Value;
        Revision++;
        Record(new PositionApplicationMoved(Id, PositionId, CandidateId, position.EmployerName, EnumNames.Of(Status), position.DistrictCode,
            EnumNames.Of(position.Channel), now));
    }

    /// <summary>
    /// What a caller's list of applications is confined to: a candidate to their own, an employer to those for its
    /// positions (<paramref name="position"/>, when the list names one, must be its own), the talent office and city
    /// admins to nothing. A filter naming someone else's records is refused, not answered empty.
    /// </summary>
    public static PositionApplicationScope ListScope(Caller caller, string? candidateId, Position? position)
    {
        if (caller.IsCityAdmin || CertificationAccess.IsTalentOffice(caller)) return new(null, null);
        if (caller.Is(PlatformRoles.Citizen))
        {
            if (candidateId is not null && candidateId != caller.Subject)
                throw new ForbiddenException("A candidate lists only their own applications.");
            return new(caller.Subject, null);
        }
        if (caller.Is(PlatformRoles.Employer))
        {
            if (position is not null && position.EmployerId != caller.Subject)
                throw new ForbiddenException("The applicants of a position are seen by the employer who posted it.");
            return new(null, caller.Subject);
        }
        throw new ForbiddenException("Applications for positions are listed for their candidates, their employers, the talent office and city admins.");
    }

    /// <summary>The candidate, the employer who posted the position, the talent office and city admins.</summary>
    public bool CanBeSeenBy(Caller caller) =>
        caller.IsCityAdmin || CertificationAccess.IsTalentOffice(caller)
        || (caller.Is(PlatformRoles.Citizen) && caller.Subject == CandidateId)
        || (caller.Is(PlatformRoles.Employer) && caller.Subject == EmployerId);
}

/// <summary>The records a list of applications is confined to (null: not confined by that).</summary>
public sealed record PositionApplicationScope(string? CandidateId, string? EmployerId);
