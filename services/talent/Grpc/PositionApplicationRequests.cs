using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Microsoft.EntityFrameworkCore;
using ProtoPositionApplication = Longgang.Talent.Contracts.V1.PositionApplication;

namespace Longgang.Talent.Grpc;

/// <summary>
/// Candidates' applications for positions: applying, the employer's list of them, reading one and moving it on
/// (hiring fills the position and notes whether the candidate held a valid certification).
/// </summary>
public sealed class PositionApplicationRequests(TalentDbContext db, TimeProvider clock, PositionRequests positions)
{
    public async Task<ProtoPositionApplication> ApplyAsync(ApplyForPositionRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var position = await positions.FindAsync(request.PositionId, "positionId", tracked: false, cancellationToken);
        var application = Domain.PositionApplication.Apply(position, request.CandidateName, caller, clock.GetUtcNow());
        db.PositionApplications.Add(application);
        await db.SaveOrConflictAsync("You have already applied for this position.", cancellationToken);
        return TalentMapping.ToProto(application);
    }

    public async Task<ListPositionApplicationsResponse> ListAsync(ListPositionApplicationsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var position = request.HasPositionId ? await positions.FindAsync(request.PositionId, "positionId", tracked: false, cancellationToken) : null;
        var scope = Domain.PositionApplication.ListScope(caller, request.HasCandidateId ? request.CandidateId : null, position);
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .Require(ProtoEnums.TryFilter<Domain.PositionApplicationStatus>(request.Status, out var status), "status", "is not a known status")
            .ThrowIfInvalid();
        var query = db.PositionApplications.AsNoTracking();
        if (scope.CandidateId is { } candidate) query = query.Where(a => a.CandidateId == candidate);
        if (scope.EmployerId is { } employer) query = query.Where(a => a.EmployerId == employer);
        if (position is not null) query = query.Where(a => a.PositionId == position.Id);
        if (request.HasCandidateId) query = query.Where(a => a.CandidateId == request.CandidateId);
        if (status is not null) query = query.Where(a => a.Status == status);

        var page = await query.OrderBy(a => a.AppliedAt).ThenBy(a => a.Id).ToPageAsync(paging, cancellationToken);
        return new ListPositionApplicationsResponse
        {
            Applications = { page.Items.Select(TalentMapping.ToProto) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ProtoPositionApplication> GetAsync(GetPositionApplicationRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var application = await FindAsync(request.Id, tracked: false, cancellationToken);
        if (!application.CanBeSeenBy(caller))
            throw new ForbiddenException("This application belongs to another candidate or employer.");
        return TalentMapping.ToProto(application);
    }

    public async Task<ProtoPositionApplication> AdvanceAsync(AdvancePositionApplicationRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var application = await FindAsync(request.Id, tracked: true, cancellationToken);
        var position = await db.Positions.SingleAsync(p => p.Id == application.PositionId, cancellationToken);
        var now = clock.GetUtcNow();
        var today = WorkingDayCalendar.ChinaDateOf(now);
        var certifications = await db.Certifications.AsNoTracking()
            .Where(c => c.ApplicantId == application.CandidateId && c.Status == Domain.CertificationStatus.Certified && c.ValidUntil >= today)
            .ToListAsync(cancellationToken);
        application.Advance(ProtoEnums.ToDomain<Domain.PositionApplicationStatus>(request.Status),
            position, certifications.OrderBy(c => c.TierCode).FirstOrDefault(), caller, now);
        await db.SaveOrConflictAsync("The position or application was changed by someone else at the same moment; read it again and retry.", cancellationToken);
        return TalentMapping.ToProto(application);
    }

    private async Task<Domain.PositionApplication> FindAsync(string id, bool tracked, CancellationToken cancellationToken)
    {
        var applicationId = RequestParsing.Id(id, "id", "a position application id");
        var query = tracked ? db.PositionApplications : db.PositionApplications.AsNoTracking();
        return await query.FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException("Position application", id);
    }
}
