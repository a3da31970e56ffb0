using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;
using ProtoCertification = Longgang.Talent.Contracts.V1.Certification;

namespace Longgang.Talent.Grpc;

/// <summary>
/// Certifications: the tier catalogue they are applied under, applying, reading, the reviews and certifying. Each
/// change loads the certification, lets <see cref="Domain.Certification"/> decide (who, then input, then state) and
/// saves it with the events it recorded.
/// </summary>
public sealed class CertificationRequests(TalentDbContext db, TimeProvider clock, WorkingDayCalendar calendar, PlatformText text)
{
    public async Task<ListTiersResponse> ListTiersAsync(CancellationToken cancellationToken)
    {
        var version = await db.CurrentCatalogueVersionAsync(cancellationToken);
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.CatalogueVersion == version).OrderBy(t => t.Code)
            .ToListAsync(cancellationToken);
        return new ListTiersResponse { CatalogueVersion = version, Tiers = { tiers.Select(t => TalentMapping.ToProto(t, text)) } };
    }

    public async Task<ProtoCertification> ApplyAsync(ApplyForCertificationRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var tier = string.IsNullOrWhiteSpace(request.TierCode) ? null : await db.CurrentTierAsync(request.TierCode, cancellationToken);
        var draft = new CertificationDraft(request.TierCode, request.ApplicantName, request.Employer, request.Sector,
            request.DistrictCode, request.Evidence, request.EmployerId, ProtoEnums.ToDomain<Domain.TalentChannel>(request.Channel));
        var certification = Domain.Certification.Apply(tier, draft, caller, clock.GetUtcNow());
        db.Certifications.Add(certification);
        await db.SaveChangesAsync(cancellationToken);
        return ToProto(certification, caller);
    }

    public async Task<ListCertificationsResponse> ListAsync(ListCertificationsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var scope = CertificationAccess.ListScope(caller, request.HasApplicantId ? request.ApplicantId : null,
            request.HasEmployerId ? request.EmployerId : null);
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .Require(ProtoEnums.TryFilter<Domain.CertificationStatus>(request.Status, out var status), "status", "is not a known status")
            .Require(ProtoEnums.TryFilter<Domain.TalentChannel>(request.Channel, out var channel), "channel", "is not a known channel")
            .RequireDistrict(request.HasDistrictCode, request.DistrictCode)
            .RequireQuery(request.HasQuery, request.Query)
            .ThrowIfInvalid();
        var query = db.Certifications.AsNoTracking();
        if (scope.ApplicantId is { } applicant) query = query.Where(c => c.ApplicantId == applicant);
        if (scope.EmployerId is { } employer) query = query.Where(c => c.EmployerId == employer);
        if (request.HasApplicantId) query = query.Where(c => c.ApplicantId == request.ApplicantId);
        if (request.HasEmployerId) query = query.Where(c => c.EmployerId == request.EmployerId);
        if (status is not null) query = query.Where(c => c.Status == status);
        if (request.HasTierCode) query = query.Where(c => c.TierCode == request.TierCode);
        if (request.HasDistrictCode) query = query.Where(c => c.DistrictCode == request.DistrictCode);
        if (channel is not null) query = query.Where(c => c.Channel == channel);
        if (ListFilters.Query(request.HasQuery, request.Query) is { } text)
            query = query.Where(c => c.ApplicantName.ToLower().Contains(text) || c.Employer.ToLower().Contains(text));

        var page = await query.OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id).ToPageAsync(paging, cancellationToken);
        return new ListCertificationsResponse
        {
            Certifications = { page.Items.Select(c => ToProto(c, caller)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    /// <summary>The public notice: certifications whose notice has begun and not yet ended (China dates), for anyone to read.</summary>
    public async Task<ListNoticesResponse> ListNoticesAsync(ListNoticesRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .RequireQuery(request.HasQuery, request.Query)
            .ThrowIfInvalid();
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
        var query = db.Certifications.AsNoTracking()
            .Where(c => c.Status == Domain.CertificationStatus.PublicNotice && c.NoticeStartsOn <= today && c.NoticeEndsOn >= today);
        if (request.HasTierCode) query = query.Where(c => c.TierCode == request.TierCode);
        if (ListFilters.Query(request.HasQuery, request.Query) is { } text)
            query = query.Where(c => c.ApplicantName.ToLower().Contains(text) || c.Employer.ToLower().Contains(text));

        var page = await query.OrderBy(c => c.NoticeEndsOn).ThenBy(c => c.Id).ToPageAsync(paging, cancellationToken);
        return new ListNoticesResponse
        {
            Notices = { page.Items.Select(TalentMapping.ToNotice) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ProtoCertification> GetAsync(GetCertificationRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var certification = await FindAsync(request.Id, tracked: false, cancellationToken);
        if (!CertificationAccess.CanSee(caller, certification.ApplicantId, certification.EmployerId))
            throw new ForbiddenException("This certification belongs to another applicant.");
        return ToProto(certification, caller);
    }

    public Task<ProtoCertification> ReviewAsEmployerAsync(ReviewCertificationRequest request, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(request.Id, caller, c => c.ReviewAsEmployer(DecisionOf(request.Decision), request.Note, caller), cancellationToken);

    public Task<ProtoCertification> ReviewPreliminarilyAsync(ReviewCertificationRequest request, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(request.Id, caller, c => c.ReviewPreliminarily(DecisionOf(request.Decision), request.Note, caller), cancellationToken);

    public Task<ProtoCertification> AddMaterialAsync(AddCertificationMaterialRequest request, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(request.Id, caller, c => c.AddMaterial(request.Evidence, caller), cancellationToken);

    public Task<ProtoCertification> ReviewFinallyAsync(ReviewCertificationRequest request, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(request.Id, caller, c => c.ReviewFinally(DecisionOf(request.Decision), request.Note, caller, clock.GetUtcNow(), calendar), cancellationToken);

    public Task<ProtoCertification> CertifyAsync(CertifyRequest request, Caller caller, CancellationToken cancellationToken) =>
        ChangeAsync(request.Id, caller, c => c.Certify(caller, clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Loads the certification (400 for a malformed id, 404 for an unknown one), lets <paramref name="change"/> make
    /// one transition and saves it with its events; a concurrent change of the same certification is a 409.
    /// </summary>
    public async Task<ProtoCertification> ChangeAsync(string id, Caller caller, Action<Domain.Certification> change, CancellationToken cancellationToken)
    {
        var certification = await FindAsync(id, tracked: true, cancellationToken);
        change(certification);
        await db.SaveOrConflictAsync("The certification was changed by someone else at the same moment; read it again and retry.", cancellationToken);
        return ToProto(certification, caller);
    }

    private async Task<Domain.Certification> FindAsync(string id, bool tracked, CancellationToken cancellationToken)
    {
        var certificationId = RequestParsing.Id(id, "id", "a certification id");
        var query = tracked ? db.Certifications : db.Certifications.AsNoTracking();
        return await query.FirstOrDefaultAsync(c => c.Id == certificationId, cancellationToken)
            ?? throw new NotFoundException("Certification", id);
    }

    private ProtoCertification ToProto(Domain.Certification c, Caller viewer) =>
        TalentMapping.ToProto(c, c.NoticeBasis(calendar), CertificationAccess.SeesObjectors(viewer));

    private static Domain.ReviewDecision? DecisionOf(Contracts.V1.ReviewDecision decision) => ProtoEnums.ToDomain<Domain.ReviewDecision>(decision);
}
