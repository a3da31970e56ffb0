using Google.Protobuf.WellKnownTypes;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Application = Longgang.Approvals.Domain.Application;
using ApplicationStatus = Longgang.Approvals.Domain.ApplicationStatus;
using Channel = Longgang.Approvals.Domain.Channel;
using StepStatus = Longgang.Approvals.Domain.StepStatus;
using WarningLevel = Longgang.Approvals.Domain.WarningLevel;
using WarningScope = Longgang.Approvals.Domain.WarningScope;
using WorkKind = Longgang.Approvals.Domain.WorkKind;

namespace Longgang.Approvals.Grpc;

/// <summary>
/// The work queue (<see cref="Application.OpenWork"/> in the database's terms): the applications on which a department
/// owes the next move, soonest due first. Clerks and supervisors see their department's, district admins their service
/// hall's, city admins any department's (<see cref="ApplicationAccess.SupervisionScope"/>). A department owes the
/// acceptance, the certificate and a rectification when it leads the application, and the review when its step is pending.
/// </summary>
public sealed class WorkQueue(ApprovalsDbContext db, TimeProvider clock)
{
    public async Task<ListWorkItemsResponse> ListAsync(ListWorkItemsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (department, district) = ApplicationAccess.SupervisionScope(caller,
            ListFilters.Given(request.HasDepartmentCode, request.DepartmentCode), ListFilters.Given(request.HasDistrictCode, request.DistrictCode));
        var matter = ListFilters.Given(request.HasMatterCode, request.MatterCode);
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .Require(department is null || ReferenceData.IsDepartment(department), "departmentCode", "no department '{0}'", department)
            .Require(district is null || ReferenceData.IsDistrict(district), "districtCode", "no district '{0}'", district)
            .RequireEnum<Channel>(request.HasChannel, request.Channel, "channel", out var channel)
            .RequireEnum<ApplicationStatus>(request.HasStatus, request.Status, "status", out var status)
            .RequireEnum<WorkKind>(request.HasKind, request.Kind, "kind", out var kind)
            .RequireEnum<WarningLevel>(request.HasWarningLevel, request.WarningLevel, "warningLevel", out var level)
            .RequireDay(request.HasFromDate, request.FromDate, "fromDate", out var from)
            .RequireDay(request.HasToDate, request.ToDate, "toDate", out var to)
            .RequireOrdered(from, to)
            .ThrowIfInvalid();
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());

        var query = db.Applications.AsNoTracking().Where(a =>
            a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.InReview || a.Status == ApplicationStatus.Suspended
            || a.Status == ApplicationStatus.Approved || (a.Rectification != null && a.Rectification.ClosedAt == null));
        if (department is not null)
        {
            query = query.Where(a =>
                (a.DepartmentCode == department && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.Approved
                    || (a.Rectification != null && a.Rectification.ClosedAt == null)))
                || ((a.Status == ApplicationStatus.InReview || a.Status == ApplicationStatus.Suspended)
                    && a.Steps.Any(s => s.DepartmentCode == department && s.Status == StepStatus.Pending)));
        }
        if (district is not null) query = query.Where(a => a.DistrictCode == district);
        if (matter is not null) query = query.Where(a => a.MatterCode == matter);
        if (channel is not null) query = query.Where(a => a.Channel == channel);
        if (status is not null) query = query.Where(a => a.Status == status);
        query = kind switch
        {
            WorkKind.Acceptance => query.Where(a => a.Status == ApplicationStatus.Submitted),
            WorkKind.Review => query.Where(a => a.Status == ApplicationStatus.InReview || a.Status == ApplicationStatus.Suspended),
            WorkKind.Certificate => query.Where(a => a.Status == ApplicationStatus.Approved),
            WorkKind.Rectification => query.Where(a => a.Status == ApplicationStatus.Issued || a.Status == ApplicationStatus.Rejected
                || a.Status == ApplicationStatus.NotAccepted),
            _ => query,
        };
        if (level is not null) query = WithHighestWarning(query, level.Value, department);

        // the due date of the open work, as Application.OpenWorkDueOn has it
        var rows = query.Select(a => new
        {
            Application = a,
            DueOn = a.Status == ApplicationStatus.InReview || a.Status == ApplicationStatus.Suspended ? a.PromisedDueOn
                : a.Status == ApplicationStatus.Approved ? a.CertificateDueOn
                : a.Status == ApplicationStatus.Submitted ? null
                : a.Rectification!.DueOn,
        });
        if (from is not null) rows = rows.Where(r => r.DueOn >= from);
        if (to is not null) rows = rows.Where(r => r.DueOn <= to);
        if (request.HasOverdue)
            rows = request.Overdue ? rows.Where(r => r.DueOn < today) : rows.Where(r => r.DueOn == null || r.DueOn >= today);

        var page = await rows.OrderBy(r => r.DueOn == null).ThenBy(r => r.DueOn)
            .ThenBy(r => r.Application.SubmittedAt).ThenBy(r => r.Application.Id)
            .ToPageAsync(paging, cancellationToken);

        var ids = page.Items.Select(r => r.Application.Id).ToList();
        var warnings = await db.SlaWarnings.AsNoTracking()
            .Where(w => ids.Contains(w.ApplicationId) && (department == null || w.DepartmentCode == department))
            .Select(w => new { w.ApplicationId, w.Scope, w.Level })
            .ToListAsync(cancellationToken);
        return new ListWorkItemsResponse
        {
            WorkItems =
            {
                page.Items.Select(r =>
                {
                    var scopes = ScopesOf(r.Application.OpenWork);
                    var highest = warnings.Where(w => w.ApplicationId == r.Application.Id && scopes.Contains(w.Scope))
                        .Select(w => (WarningLevel?)w.Level).Max();
                    return ToProto(r.Application, caller, today, highest);
                }),
            },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    /// <summary>The warnings that belong to each kind of open work (the earlier phases' warnings stay on record but are done with).</summary>
    private static WarningScope[] ScopesOf(WorkKind? kind) => kind switch
    {
        WorkKind.Review => [WarningScope.Application, WarningScope.Step],
        WorkKind.Certificate => [WarningScope.Certificate],
        WorkKind.Rectification => [WarningScope.Rectification],
        _ => [],
    };

    /// <summary>Applications whose open work's highest warning (for the department, when confined to one) is <paramref name="level"/>.</summary>
    private IQueryable<Application> WithHighestWarning(IQueryable<Application> query, WarningLevel level, string? department)
    {
        var warnings = db.SlaWarnings.Where(w => department == null || w.DepartmentCode == department);
        var review = new[] { WarningScope.Application, WarningScope.Step };
        query = query.Where(a => warnings.Any(w => w.ApplicationId == a.Id && w.Level == level
            && (((a.Status == ApplicationStatus.InReview || a.Status == ApplicationStatus.Suspended) && review.Contains(w.Scope))
                || (a.Status == ApplicationStatus.Approved && w.Scope == WarningScope.Certificate)
                || (a.Rectification != null && a.Rectification.ClosedAt == null && w.Scope == WarningScope.Rectification))));
        if (level == WarningLevel.Yellow)
        {
            query = query.Where(a => !warnings.Any(w => w.ApplicationId == a.Id && w.Level == WarningLevel.Red
                && (((a.Status == ApplicationStatus.InReview || a.Status == ApplicationStatus.Suspended) && review.Contains(w.Scope))
                    || (a.Status == ApplicationStatus.Approved && w.Scope == WarningScope.Certificate)
                    || (a.Rectification != null && a.Rectification.ClosedAt == null && w.Scope == WarningScope.Rectification))));
        }
        return query;
    }

    private static WorkItem ToProto(Application a, Caller caller, DateOnly today, WarningLevel? warning)
    {
        var item = new WorkItem
        {
            ApplicationId = a.Id.ToString(),
            Kind = ProtoEnums.ToProto<Contracts.V1.WorkKind>(a.OpenWork!.Value),
            MatterCode = a.MatterCode,
            DepartmentCode = a.DepartmentCode,
            ApplicantName = a.ApplicantName,
            Channel = ProtoEnums.ToProto<Contracts.V1.Channel>(a.Channel),
            Status = ProtoEnums.ToProto<Contracts.V1.ApplicationStatus>(a.Status),
            Overdue = a.OpenWorkDueOn < today,
            SubmittedAt = Timestamp.FromDateTimeOffset(a.SubmittedAt),
            SubmittedOn = ApprovalsMapping.DayOf(a.SubmittedAt),
        };
        if (a.OpenWork == WorkKind.Review)
            item.PendingDepartments.AddRange(a.Steps.Where(s => s.Status == StepStatus.Pending).Select(s => s.DepartmentCode));
        if (ApplicationAccess.ResidentIdFor(caller, a.ResidentId, a.ApplicantId, a.DepartmentCode, a.ReviewingDepartments) is { } residentId)
            item.ResidentId = residentId;
        if (a.DistrictCode is not null) item.DistrictCode = a.DistrictCode;
        if (a.OpenWorkDueOn is { } due) item.DueOn = RequestParsing.Text(due);
        if (warning is not null) item.WarningLevel = ProtoEnums.ToProto<Contracts.V1.WarningLevel>(warning.Value);
        return item;
    }
}
