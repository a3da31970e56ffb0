using Grpc.Core;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using ProtoApplication = Longgang.Approvals.Contracts.V1.Application;

namespace Longgang.Approvals.Grpc;

public sealed class ApprovalsGrpcService(ApprovalsDbContext db, HybridCache cache, TimeProvider clock)
    : ApprovalsService.ApprovalsServiceBase
{
    private static readonly HybridCacheEntryOptions CacheFor = new() { Expiration = TimeSpan.FromMinutes(5), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    public override async Task<ListMattersResponse> ListMatters(ListMattersRequest request, ServerCallContext context)
    {
        var query = db.Matters.AsNoTracking();
        if (!string.IsNullOrEmpty(request.DepartmentCode)) query = query.Where(m => m.DepartmentCode == request.DepartmentCode);
        var matters = await query.OrderBy(m => m.Code).ThenBy(m => m.Version).ToListAsync(context.CancellationToken);
        var current = matters.GroupBy(m => m.Code).Select(g => g.Last());
        return new ListMattersResponse { Matters = { current.Select(ApprovalsMapping.ToProto) } };
    }

    public override async Task<ProtoApplication> SubmitApplication(SubmitApplicationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var matter = string.IsNullOrWhiteSpace(request.MatterCode) ? null : await db.CurrentMatterAsync(request.MatterCode, context.CancellationToken);
        var draft = new SubmissionDraft(request.MatterCode, request.ApplicantId, request.ApplicantName,
            ApprovalsMapping.FromProto(request.Channel), request.DistrictCode, request.Materials);
        var application = Domain.Application.Submit(matter, draft, caller, clock.GetUtcNow());

        db.Applications.Add(application);
        db.AddIntegrationEvent(new ApplicationSubmitted(application.Id, application.MatterCode, application.DepartmentCode,
            application.ApplicantId, ApprovalsMapping.ChannelName(application.Channel), application.DistrictCode, application.SubmittedAt));
        await db.SaveChangesAsync(context.CancellationToken);
        return ApprovalsMapping.ToProto(application);
    }

    public override async Task<ProtoApplication> GetApplication(GetApplicationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var id = ParseId(request.Id);
        // applications are cached whole; who may see one is decided per caller after the lookup.
        // A miss throws out of the factory, so it is never cached.
        var found = await cache.GetOrCreateAsync($"approvals:application:{id}", async ct =>
        {
            var entity = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            return entity is null ? throw new NotFoundException("Application", request.Id) : ApprovalsMapping.ToProto(entity);
        }, CacheFor, cancellationToken: context.CancellationToken);

        if (!ApplicationAccess.CanSee(caller, found.ApplicantId, found.DepartmentCode, NullIfEmpty(found.DistrictCode)))
            throw new ForbiddenException("This application belongs to another applicant, department or district.");
        return found;
    }

    public override async Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var validator = new Validator()
            .Require(request.PageSize >= 0, "pageSize", "must not be negative")
            .Require(PageToken.TryDecode(request.PageToken, out var offset), "pageToken", "is not a token this API issued")
            .Require(Enum.IsDefined(request.Status), "status", "is not a known status");
        validator.ThrowIfInvalid();
        var scope = ApplicationAccess.ScopeFor(caller, NullIfEmpty(request.ApplicantId));
        var pageSize = request.PageSize == 0 ? PageToken.DefaultPageSize : Math.Min(request.PageSize, PageToken.MaxPageSize);

        var query = db.Applications.AsNoTracking();
        if (scope.ApplicantId is not null) query = query.Where(a => a.ApplicantId == scope.ApplicantId);
        if (scope.DepartmentCode is not null) query = query.Where(a => a.DepartmentCode == scope.DepartmentCode);
        if (scope.DistrictCode is not null) query = query.Where(a => a.DistrictCode == scope.DistrictCode);
        if (!string.IsNullOrEmpty(request.ApplicantId)) query = query.Where(a => a.ApplicantId == request.ApplicantId);
        if (request.Status != Contracts.V1.ApplicationStatus.Unspecified)
        {
            var status = (Domain.ApplicationStatus)(int)request.Status;
            query = query.Where(a => a.Status == status);
        }

        var page = await query.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id)
            .Skip(offset).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListApplicationsResponse { Applications = { page.Take(pageSize).Select(ApprovalsMapping.ToProto) } };
        if (page.Count > pageSize) response.NextPageToken = PageToken.Encode(offset + pageSize);
        return response;
    }

    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var parsed) ? parsed : throw new ValidationFailedException("id", "must be an application id (a UUID)");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
