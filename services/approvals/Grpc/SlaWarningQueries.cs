using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Grpc;

/// <summary>
/// The SLA warnings a caller may see, newest first: city admins every department's (or one's), clerks and supervisors
/// their own department's, district admins those of their service hall's applications. A warning belongs to the
/// department that must act, so a participating department sees its step's warnings, not the lead's.
/// </summary>
public sealed class SlaWarningQueries(ApprovalsDbContext db)
{
    public async Task<ListWarningsResponse> ListAsync(ListWarningsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (department, district) = ApplicationAccess.SupervisionScope(caller, ListFilters.Given(request.HasDepartmentCode, request.DepartmentCode), null);
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .RequireEnum<Domain.WarningLevel>(request.HasLevel, request.Level, "level", out var level)
            .ThrowIfInvalid();

        var query = db.SlaWarnings.AsNoTracking();
        if (department is not null) query = query.Where(w => w.DepartmentCode == department);
        // warnings do not carry the district; it is the application's (where it was handed in)
        if (district is not null)
            query = query.Where(w => db.Applications.Any(a => a.Id == w.ApplicationId && a.DistrictCode == district));
        if (level is not null) query = query.Where(w => w.Level == level);

        var page = await query.OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).ToPageAsync(paging, cancellationToken);
        return new ListWarningsResponse { Warnings = { page.Items.Select(ApprovalsMapping.ToProto) }, NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
    }
}
