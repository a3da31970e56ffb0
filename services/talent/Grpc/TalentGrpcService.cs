using Grpc.Core;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using ProtoCertification = Longgang.Talent.Contracts.V1.Certification;
using ProtoClaim = Longgang.Talent.Contracts.V1.Claim;
using ProtoProgramme = Longgang.Talent.Contracts.V1.Programme;

namespace Longgang.Talent.Grpc;

public sealed class TalentGrpcService(TalentDbContext db, TimeProvider clock, WorkingDayCalendar calendar) : TalentService.TalentServiceBase
{
    /// <summary>The service name approvals records as the requester of a claim's application.</summary>
    public const string RequesterName = "talent";

    public override async Task<ListTiersResponse> ListTiers(ListTiersRequest request, ServerCallContext context)
    {
        var version = await db.CurrentCatalogueVersionAsync(context.CancellationToken);
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.CatalogueVersion == version).OrderBy(t => t.Code)
            .ToListAsync(context.CancellationToken);
        return new ListTiersResponse { CatalogueVersion = version, Tiers = { tiers.Select(TalentMapping.ToProto) } };
    }

    public override async Task<ProtoCertification> ApplyForCertification(ApplyForCertificationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var tier = string.IsNullOrWhiteSpace(request.TierCode) ? null : await db.CurrentTierAsync(request.TierCode, context.CancellationToken);
        var draft = new CertificationDraft(request.TierCode, request.ApplicantName, request.Employer, request.Sector,
            request.DistrictCode, request.Evidence, request.EmployerId);
        var certification = Domain.Certification.Apply(tier, draft, caller, clock.GetUtcNow());

        db.Certifications.Add(certification);
        db.AddIntegrationEvent(new CertificationApplied(certification.Id, certification.TierCode, certification.CatalogueVersion,
            certification.DistrictCode, certification.SubmittedAt));
        await db.SaveChangesAsync(context.CancellationToken);
        return ToProto(certification);
    }

    public override async Task<ProtoCertification> GetCertification(GetCertificationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var certification = await FindCertificationAsync(request.Id, tracked: false, context);
        if (!CertificationAccess.CanSee(caller, certification.ApplicantId, certification.EmployerId))
            throw new ForbiddenException("This certification belongs to another applicant.");
        return ToProto(certification);
    }

    public override Task<ProtoCertification> ReviewAsEmployer(ReviewCertificationRequest request, ServerCallContext context) =>
        ChangeCertificationAsync(request.Id, context, (c, caller) => c.ReviewAsEmployer(DecisionOf(request.Decision), request.Note, caller));

    public override Task<ProtoCertification> ReviewPreliminarily(ReviewCertificationRequest request, ServerCallContext context) =>
        ChangeCertificationAsync(request.Id, context, (c, caller) => c.ReviewPreliminarily(DecisionOf(request.Decision), request.Note, caller));

    public override Task<ProtoCertification> AddCertificationMaterial(AddCertificationMaterialRequest request, ServerCallContext context) =>
        ChangeCertificationAsync(request.Id, context, (c, caller) => c.AddMaterial(request.Evidence, caller));

    public override Task<ProtoCertification> ReviewFinally(ReviewCertificationRequest request, ServerCallContext context) =>
        ChangeCertificationAsync(request.Id, context,
            (c, caller) => c.ReviewFinally(DecisionOf(request.Decision), request.Note, caller, clock.GetUtcNow(), calendar));

    public override async Task<LodgeObjectionResponse> LodgeObjection(LodgeObjectionRequest request, ServerCallContext context)
    {
        Domain.Objection? objection = null;
        var certification = await ChangeCertificationAsync(request.Id, context,
            (c, caller) => objection = c.LodgeObjection(request.Reason, caller, clock.GetUtcNow()));
        // the objector learns only that the objection was taken, not the applicant's record
        return new LodgeObjectionResponse { ObjectionId = objection!.Id.ToString(), CertificationId = certification.Id, NoticeEndsOn = certification.NoticeEndsOn };
    }

    public override Task<ProtoCertification> RuleOnObjection(RuleOnObjectionRequest request, ServerCallContext context)
    {
        var objectionId = Guid.TryParse(request.ObjectionId, out var parsed) ? parsed
            : throw new ValidationFailedException("objectionId", "must be an objection id (a UUID)");
        if (request.Ruling is not (ObjectionRuling.Uphold or ObjectionRuling.Dismiss))
            throw new ValidationFailedException("ruling", "must be UPHOLD or DISMISS");
        return ChangeCertificationAsync(request.Id, context,
            (c, caller) => c.RuleOnObjection(objectionId, request.Ruling == ObjectionRuling.Uphold, request.Note, caller, clock.GetUtcNow()));
    }

    public override Task<ProtoCertification> Certify(CertifyRequest request, ServerCallContext context) =>
        ChangeCertificationAsync(request.Id, context, (c, caller) =>
        {
            c.Certify(caller, clock.GetUtcNow());
            db.AddIntegrationEvent(new TalentCertified(c.Id, c.TierCode, c.CatalogueVersion, c.Sector, c.Employer, c.DistrictCode,
                c.CertificateNumber!, c.ValidUntil!.Value, clock.GetUtcNow()));
        });

    [AllowAnonymous]
    public override async Task<CertifiedCounts> GetCertifiedCounts(GetCertifiedCountsRequest request, ServerCallContext context)
    {
        var counts = await db.Certifications.AsNoTracking().Where(c => c.Status == Domain.CertificationStatus.Certified)
            .GroupBy(c => new { c.TierCode, c.DistrictCode })
            .Select(g => new { g.Key.TierCode, g.Key.DistrictCode, Count = g.Count() })
            .ToListAsync(context.CancellationToken);
        return new CertifiedCounts
        {
            Total = counts.Sum(c => c.Count),
            Counts =
            {
                counts.OrderBy(c => c.TierCode).ThenBy(c => c.DistrictCode)
                    .Select(c => new CertifiedCount { TierCode = c.TierCode, DistrictCode = c.DistrictCode ?? "", Count = c.Count }),
            },
        };
    }

    public override async Task<ProtoProgramme> CreateProgramme(CreateProgrammeRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var version = await db.CurrentCatalogueVersionAsync(context.CancellationToken);
        var tierCodes = await db.Tiers.Where(t => t.CatalogueVersion == version).Select(t => t.Code).ToListAsync(context.CancellationToken);
        var draft = new ProgrammeDraft(request.Code, request.Name, TalentMapping.FromProto<Contracts.V1.ProgrammeKind, Domain.ProgrammeKind>(request.Kind),
            request.Year, request.MatterCode, request.Budget, request.TierAmounts, request.RequiresResidence, request.RequiresEmployerInCity,
            request.ClaimValidityDays);
        var programme = Domain.Programme.Create(draft, tierCodes, caller);
        db.Programmes.Add(programme);
        await SaveAsync($"A programme with the code {programme.Code} already exists.", context.CancellationToken);
        return TalentMapping.ToProto(programme);
    }

    public override async Task<ProtoProgramme> GetProgramme(GetProgrammeRequest request, ServerCallContext context)
    {
        context.GetCaller();
        var code = request.Code.Trim().ToUpperInvariant();
        var programme = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, context.CancellationToken)
            ?? throw new NotFoundException("Programme", request.Code);
        return TalentMapping.ToProto(programme);
    }

    /// <summary>
    /// Validates the claim, commits its amount against the budget (a conditional UPDATE), stores it and asks approvals to
    /// open the application, all in one transaction: a claim refused at any point leaves the budget as it was.
    /// </summary>
    public override async Task<ProtoClaim> SubmitClaim(SubmitClaimRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var ct = context.CancellationToken;
        var code = request.ProgrammeCode.Trim().ToUpperInvariant();
        var programme = code.Length == 0 ? null : await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct);
        var certification = Guid.TryParse(request.CertificationId, out var certificationId)
            ? await db.Certifications.AsNoTracking().FirstOrDefaultAsync(c => c.Id == certificationId, ct)
            : null;
        var claim = EntitlementClaim.Submit(programme, certification,
            new ClaimDraft(request.ProgrammeCode, request.CertificationId, request.ResidesInCity, request.Materials), caller, clock.GetUtcNow());

        const string alreadyClaimed = "You already have a claim on this programme for this period.";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Claims.AnyAsync(c => c.OpenKey == claim.OpenKey, ct))
            throw new ConflictException(alreadyClaimed);
        if (!await db.TryCommitBudgetAsync(claim.ProgrammeCode, claim.Amount, ct))
            throw new ConflictException($"Programme {claim.ProgrammeCode} has not enough budget left for {claim.Amount} yuan.");
        db.Claims.Add(claim);
        db.AddIntegrationEvent(new ApplicationRequested(claim.ApplicationId, programme!.MatterCode, claim.ApplicantId, claim.ApplicantName,
            claim.DistrictCode, claim.Materials, RequesterName, claim.SubmittedAt));
        await SaveAsync(alreadyClaimed, ct);
        await transaction.CommitAsync(ct);
        return TalentMapping.ToProto(claim);
    }

    public override async Task<ProtoClaim> GetClaim(GetClaimRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var claim = await FindClaimAsync(request.Id, tracked: false, context);
        if (!ClaimAccess.CanSee(caller, claim))
            throw new ForbiddenException("This claim belongs to another applicant.");
        return TalentMapping.ToProto(claim);
    }

    public override async Task<ProtoClaim> RecordPayment(RecordPaymentRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var ct = context.CancellationToken;
        DateOnly? paidOn = DateOnly.TryParseExact(request.PaidOn, "yyyy-MM-dd", out var parsed) ? parsed : null;
        if (paidOn is null && !string.IsNullOrWhiteSpace(request.PaidOn))
            throw new ValidationFailedException("paidOn", "must be a date (yyyy-MM-dd)");
        var claim = await FindClaimAsync(request.Id, tracked: true, context);
        claim.RecordPayment(paidOn, request.Reference, caller, clock.GetUtcNow());

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.AddPaidAsync(claim.ProgrammeCode, claim.Amount, ct);
        db.AddIntegrationEvent(new EntitlementPaid(claim.Id, claim.ProgrammeCode, claim.Period, claim.ApplicantId, claim.Amount,
            claim.PaidOn!.Value, claim.PaymentReference!));
        await SaveAsync("The claim was changed by someone else at the same moment; read it again and retry.", ct);
        await transaction.CommitAsync(ct);
        return TalentMapping.ToProto(claim);
    }

    public override async Task<Contracts.V1.Position> PostPosition(PostPositionRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var version = await db.CurrentCatalogueVersionAsync(context.CancellationToken);
        var tierCodes = await db.Tiers.Where(t => t.CatalogueVersion == version).Select(t => t.Code).ToListAsync(context.CancellationToken);
        var position = Domain.Position.Post(new PositionDraft(request.Title, request.Sector, request.TierSought, request.DistrictCode, request.EmployerName),
            tierCodes, caller, clock.GetUtcNow());
        db.Positions.Add(position);
        await db.SaveChangesAsync(context.CancellationToken);
        return TalentMapping.ToProto(position);
    }

    public override async Task<Contracts.V1.Position> GetPosition(GetPositionRequest request, ServerCallContext context)
    {
        context.GetCaller();
        return TalentMapping.ToProto(await FindPositionAsync(request.Id, "id", tracked: false, context));
    }

    public override async Task<Contracts.V1.PositionApplication> ApplyForPosition(ApplyForPositionRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var position = await FindPositionAsync(request.PositionId, "positionId", tracked: false, context);
        var application = Domain.PositionApplication.Apply(position, request.CandidateName, caller, clock.GetUtcNow());
        db.PositionApplications.Add(application);
        await SaveAsync("You have already applied for this position.", context.CancellationToken);
        return TalentMapping.ToProto(application);
    }

    public override async Task<ListPositionApplicationsResponse> ListPositionApplications(ListPositionApplicationsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var position = await FindPositionAsync(request.PositionId, "positionId", tracked: false, context);
        if (!position.ApplicantsVisibleTo(caller))
            throw new ForbiddenException("The applicants of a position are seen by the employer who posted it.");
        var applications = await db.PositionApplications.AsNoTracking().Where(a => a.PositionId == position.Id)
            .OrderBy(a => a.AppliedAt).ThenBy(a => a.Id).ToListAsync(context.CancellationToken);
        return new ListPositionApplicationsResponse { Applications = { applications.Select(TalentMapping.ToProto) } };
    }

    public override async Task<Contracts.V1.PositionApplication> GetPositionApplication(GetPositionApplicationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var application = await FindPositionApplicationAsync(request.Id, tracked: false, context);
        if (!application.CanBeSeenBy(caller))
            throw new ForbiddenException("This application belongs to another candidate or employer.");
        return TalentMapping.ToProto(application);
    }

    public override async Task<Contracts.V1.PositionApplication> AdvancePositionApplication(AdvancePositionApplicationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var ct = context.CancellationToken;
        var application = await FindPositionApplicationAsync(request.Id, tracked: true, context);
        var position = await db.Positions.SingleAsync(p => p.Id == application.PositionId, ct);
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
        var certifications = await db.Certifications.AsNoTracking()
            .Where(c => c.ApplicantId == application.CandidateId && c.Status == Domain.CertificationStatus.Certified && c.ValidUntil >= today)
            .ToListAsync(ct);
        application.Advance(TalentMapping.FromProto<Contracts.V1.PositionApplicationStatus, Domain.PositionApplicationStatus>(request.Status),
            position, certifications.OrderBy(c => c.TierCode).FirstOrDefault(), caller, clock.GetUtcNow());
        await SaveAsync("The position or application was changed by someone else at the same moment; read it again and retry.", ct);
        return TalentMapping.ToProto(application);
    }

    public override async Task<TalentReport> GetTalentReport(GetTalentReportRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (!caller.IsCityAdmin && !CertificationAccess.IsTalentOffice(caller))
            throw new ForbiddenException("The talent report is for the talent office and city admins.");
        var ct = context.CancellationToken;
        var certified = await db.Certifications.AsNoTracking().Where(c => c.Status == Domain.CertificationStatus.Certified)
            .Select(c => new { c.TierCode, c.Sector, c.Employer, c.DistrictCode }).ToListAsync(ct);
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Year).ThenBy(p => p.Code).ToListAsync(ct);
        var hires = await (from a in db.PositionApplications.AsNoTracking()
                           join p in db.Positions.AsNoTracking() on a.PositionId equals p.Id
                           where a.Status == Domain.PositionApplicationStatus.Hired
                           select new { a.CertifiedHire, p.EmployerName, p.DistrictCode }).ToListAsync(ct);

        static IEnumerable<ReportLine> Lines<T>(IEnumerable<T> rows, Func<T, string?> key) =>
            rows.GroupBy(r => key(r) ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ReportLine { Key = g.Key, Count = g.Count() });
        var certifiedHires = hires.Where(h => h.CertifiedHire).ToList();
        return new TalentReport
        {
            CertifiedTotal = certified.Count,
            CertifiedByTier = { Lines(certified, c => c.TierCode) },
            CertifiedBySector = { Lines(certified, c => c.Sector) },
            CertifiedByEmployer = { Lines(certified, c => c.Employer) },
            CertifiedByDistrict = { Lines(certified, c => c.DistrictCode) },
            Programmes =
            {
                programmes.Select(p => new ProgrammeLine
                    { Code = p.Code, Year = p.Year, Budget = p.Budget, Committed = p.Committed, Paid = p.Paid, Remaining = p.Remaining }),
            },
            PositionsFilled = hires.Count,
            CertifiedHiresByEmployer = { Lines(certifiedHires, h => h.EmployerName) },
            CertifiedHiresByDistrict = { Lines(certifiedHires, h => h.DistrictCode) },
        };
    }

    private async Task<Domain.Position> FindPositionAsync(string id, string field, bool tracked, ServerCallContext context)
    {
        var parsed = Guid.TryParse(id, out var value) ? value : throw new ValidationFailedException(field, "must be a position id (a UUID)");
        var query = tracked ? db.Positions : db.Positions.AsNoTracking();
        return await query.FirstOrDefaultAsync(p => p.Id == parsed, context.CancellationToken) ?? throw new NotFoundException("Position", id);
    }

    private async Task<Domain.PositionApplication> FindPositionApplicationAsync(string id, bool tracked, ServerCallContext context)
    {
        var parsed = Guid.TryParse(id, out var value) ? value : throw new ValidationFailedException("id", "must be a position application id (a UUID)");
        var query = tracked ? db.PositionApplications : db.PositionApplications.AsNoTracking();
        return await query.FirstOrDefaultAsync(a => a.Id == parsed, context.CancellationToken) ?? throw new NotFoundException("Position application", id);
    }

    private async Task<ProtoCertification> ChangeCertificationAsync(string id, ServerCallContext context, Action<Domain.Certification, Longgang.Platform.Caller> change)
    {
        var caller = context.GetCaller();
        var certification = await FindCertificationAsync(id, tracked: true, context);
        change(certification, caller);
        await SaveAsync("The certification was changed by someone else at the same moment; read it again and retry.", context.CancellationToken);
        return ToProto(certification);
    }

    private async Task<Domain.Certification> FindCertificationAsync(string id, bool tracked, ServerCallContext context)
    {
        var parsed = Guid.TryParse(id, out var value) ? value : throw new ValidationFailedException("id", "must be a certification id (a UUID)");
        var query = tracked ? db.Certifications : db.Certifications.AsNoTracking();
        return await query.FirstOrDefaultAsync(c => c.Id == parsed, context.CancellationToken)
            ?? throw new NotFoundException("Certification", id);
    }

    private async Task<EntitlementClaim> FindClaimAsync(string id, bool tracked, ServerCallContext context)
    {
        var parsed = Guid.TryParse(id, out var value) ? value : throw new ValidationFailedException("id", "must be a claim id (a UUID)");
        var query = tracked ? db.Claims : db.Claims.AsNoTracking();
        return await query.FirstOrDefaultAsync(c => c.Id == parsed, context.CancellationToken)
            ?? throw new NotFoundException("Claim", id);
    }

    private ProtoCertification ToProto(Domain.Certification c) => TalentMapping.ToProto(c, c.NoticeBasis(calendar));

    private Task SaveAsync(string conflictMessage, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(conflictMessage, cancellationToken);

    private static Domain.ReviewDecision DecisionOf(Contracts.V1.ReviewDecision decision) =>
        TalentMapping.FromProto<Contracts.V1.ReviewDecision, Domain.ReviewDecision>(decision) ?? default;
}
