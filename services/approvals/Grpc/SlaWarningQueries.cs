using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
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
        new Validator()
            .Require(request.PageSize >= 0, "pageSize", "must not be negative")
            .Require(PageToken.TryDecode(request.PageToken, out var offset), "pageToken", "is not a token this API issued")
            .Require(System.Enum.IsDefined(request.Level), "level", "is not a known warning level (YELLOW or RED)")
            .ThrowIfInvalid();
        var (department, district) = ApplicationAccess.SupervisionScope(caller,
            string.IsNullOrEmpty(request.DepartmentCode) ? null : request.DepartmentCode, null);
        var pageSize = request.PageSize == 0 ? PageToken.DefaultPageSize : Math.Min(request.PageSize, PageToken.MaxPageSize);

        var query = db.SlaWarnings.AsNoTracking();
        if (department is not null) query = query.Where(w => w.DepartmentCode == department);
        // warnings do not carry the district; it is the application's (where it was handed in)
        if (district is not null)
            query = query.Where(w => db.Applications.Any(a => a.Id == w.ApplicationId && a.DistrictCode == district));
        if (request.Level != Contracts.V1.WarningLevel.Unspecified)
        {
            var level = (Domain.WarningLevel)(int)request.Level;
            query = query.Where(w => w.Level == level);
        }

        var page = await query.OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id)
            .Skip(offset).Take(pageSize + 1).ToListAsync(cancellationToken);
        var response = new ListWarningsResponse { Warnings = { page.Take(pageSize).Select(ApprovalsMapping.ToProto) } };
        if (page.Count > pageSize) response.NextPageToken = PageToken.Encode(offset + pageSize);
        return response;
    }
}
