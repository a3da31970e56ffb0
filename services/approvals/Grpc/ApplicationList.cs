using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Grpc;

/// <summary>
/// The applications list: the caller's scope, the filters, newest first. Its order (submission instant, then id) is a
/// keyset, so a deep page or an export starts after the previous page's last row, on the indexes that lead with a
/// filter column and end with the submission instant.
/// </summary>
public sealed class ApplicationList(ApprovalsDbContext db, WorkingDayCalendar calendar, PlatformText text)
{
    public async Task<ListApplicationsResponse> ListAsync(ListApplicationsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var applicant = ListFilters.Given(request.HasApplicantId, request.ApplicantId);
        var district = ListFilters.Given(request.HasDistrictCode, request.DistrictCode);
        var matter = ListFilters.Given(request.HasMatterCode, request.MatterCode);
        var scope = ApplicationAccess.ScopeFor(caller, applicant, district);
        var residentId = request.HasResidentId ? ResidentIdNumber.Normalize(request.ResidentId) : null;
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .RequireEnum<Domain.ApplicationStatus>(request.HasStatus, request.Status, "status", out var status)
            .RequireEnum<Domain.Channel>(request.HasChannel, request.Channel, "channel", out var channel)
            .Require(district is null || ReferenceData.IsDistrict(district), "districtCode", "no district '{0}'", district)
            .Require(residentId is null || ResidentIdNumber.IsValid(residentId), "residentId",
                "must be an 18-character resident ID number with a valid check character")
            .RequireQuery(request.HasQuery, request.Query, "query", out var name)
            .RequireDay(request.HasFromDate, request.FromDate, "fromDate", out var from)
            .RequireDay(request.HasToDate, request.ToDate, "toDate", out var to)
            .RequireOrdered(from, to)
            .ThrowIfInvalid();
        var query = db.Applications.AsNoTracking();
        if (scope.ApplicantId is not null) query = query.Where(a => a.ApplicantId == scope.ApplicantId);
        if (scope.SubmittedBy is not null) query = query.Where(a => a.SubmittedBy == scope.SubmittedBy);
        if (scope.DepartmentCode is { } department)
            query = query.Where(a => a.DepartmentCode == department || a.Steps.Any(s => s.DepartmentCode == department));
        if (scope.DistrictCode is not null) query = query.Where(a => a.DistrictCode == scope.DistrictCode);
        if (applicant is not null) query = query.Where(a => a.ApplicantId == applicant);
        if (status is not null) query = query.Where(a => a.Status == status);
        if (channel is not null) query = query.Where(a => a.Channel == channel);
        if (matter is not null) query = query.Where(a => a.MatterCode == matter);
        if (district is not null) query = query.Where(a => a.DistrictCode == district);
        if (residentId is not null) query = query.Where(a => a.ResidentId == residentId);
        if (name is not null) query = query.Where(a => a.ApplicantName.ToLower().Contains(name));
        if (from is { } fromDay)
        {
            var start = ListFilters.ChinaMidnight(fromDay);
            query = query.Where(a => a.SubmittedAt >= start);
        }
        if (to is { } toDay)
        {
            var end = ListFilters.ChinaMidnight(toDay.AddDays(1));
            query = query.Where(a => a.SubmittedAt < end);
        }

        var page = await query.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id).ToPageAsync(paging, cancellationToken);
        return new ListApplicationsResponse
        {
            Applications = { page.Items.Select(a => ApprovalsMapping.ForCaller(ApprovalsMapping.ToProto(a, calendar), caller, text)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }
}
