using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using DomainProject = Longgang.Livelihood.Domain.Project;

namespace Longgang.Livelihood.Grpc;

/// <summary>
/// The project lists: everybody's list of proposals and projects (proposals are public), and a deputy's queue of the
/// projects awaiting their evaluation.
/// </summary>
public sealed class ProjectLists(LivelihoodDbContext db, TimeProvider clock)
{
    public const int MaxQueryLength = 100;

    public async Task<ListProjectsResponse> ListAsync(ListProjectsRequest request, Caller caller, CancellationToken ct)
    {
        var validator = new Validator();
        RequireYear(validator, request.HasYear, request.Year);
        RequireDistrict(validator, request.HasDistrictCode, request.DistrictCode);
        validator
            .Require(!request.HasStatus || ProtoEnums.ToDomain<Domain.ProjectStatus>(request.Status) is not null, "status", "must be a project status")
            .Require(!request.HasCategory || ProtoEnums.ToDomain<Domain.ProjectCategory>(request.Category) is not null, "category", "must be a project category")
            .Require(!request.HasOwningDepartmentCode || ReferenceData.IsDepartment(request.OwningDepartmentCode), "owningDepartmentCode",
                "must be a known department code")
            .Require(!request.HasProposerId || request.ProposerId.Length > 0, "proposerId", "must not be empty")
            .Require(!request.HasQuery || request.Query.Trim().Length > 0 && TextRules.Length(request.Query) <= MaxQueryLength, "query",
                "must be between 1 and {0} characters", MaxQueryLength)
            .Require(!request.HasCityTag || CityTags.IsKnown(request.CityTag), "cityTag", "no city tag '{0}'", request.CityTag)
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .ThrowIfInvalid();
        // who proposed is hidden from other callers, so filtering by another proposer would reveal it
        if (request.HasProposerId) LivelihoodAccess.EnsureMayFilterByProposer(caller, request.ProposerId);

        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
        var query = db.Projects.AsNoTracking();
        // a year's projects include those carried over into it, which show carriedOverFromYear
        if (request.HasYear) query = query.Where(p => p.Year == request.Year || p.CarriedOverToYear == request.Year);
        if (request.HasStatus) query = WithStatus(query, ProtoEnums.ToDomain<Domain.ProjectStatus>(request.Status)!.Value, today);
        if (request.HasCategory)
        {
            var category = ProtoEnums.ToDomain<Domain.ProjectCategory>(request.Category)!.Value;
            query = query.Where(p => p.Category == category);
        }
        if (request.HasDistrictCode) query = query.Where(p => p.DistrictCodes.Contains(request.DistrictCode));
        if (request.HasOwningDepartmentCode) query = query.Where(p => p.OwningDepartmentCode == request.OwningDepartmentCode);
        if (request.HasProposerId) query = query.Where(p => p.ProposerId == request.ProposerId);
        if (request.HasCityTag) query = query.Where(p => p.CityTag == request.CityTag);
        if (request.HasAtRisk)
        {
            // as Project.DelayRisk: an open milestone whose linked application has an SLA warning
            query = request.AtRisk
                ? query.Where(p => p.Milestones.Any(m => m.RiskLevel != null && m.CompletedAt == null))
                : query.Where(p => !p.Milestones.Any(m => m.RiskLevel != null && m.CompletedAt == null));
        }
        if (request.HasQuery)
        {
            // titles are stored NFKC-normalised; lower case makes Latin letters match in any case
            var text = TextRules.Normalize(request.Query).Trim().ToLowerInvariant();
            query = query.Where(p => p.Title.ToLower().Contains(text));
        }
        var page = await query.OrderByDescending(p => p.Year).ThenBy(p => p.ProposedAt).ThenBy(p => p.Id).ToPageAsync(paging, ct);
        return new ListProjectsResponse
        {
            Projects = { page.Items.Select(p => LivelihoodMapping.ToProto(p, caller, today)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ListPendingEvaluationsResponse> ListPendingEvaluationsAsync(ListPendingEvaluationsRequest request, Caller caller,
        CancellationToken ct)
    {
        LivelihoodAccess.EnsureDeputy(caller);
        var validator = new Validator();
        RequireYear(validator, request.HasYear, request.Year);
        RequireDistrict(validator, request.HasDistrictCode, request.DistrictCode);
        validator
            .Require(!request.HasCategory || ProtoEnums.ToDomain<Domain.ProjectCategory>(request.Category) is not null, "category", "must be a project category")
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .ThrowIfInvalid();

        // the adopted projects of the cycles in evaluation (Evaluated only comes with the close), not yet rated by this deputy
        Domain.ProjectStatus[] adopted = [Domain.ProjectStatus.Adopted, Domain.ProjectStatus.InProgress, Domain.ProjectStatus.Completed,
            Domain.ProjectStatus.CarriedOver];
        var deputy = caller.Subject;
        var query = db.Projects.AsNoTracking().Where(p => adopted.Contains(p.Status)
            && db.Cycles.Any(c => c.Year == p.Year && c.Phase == Domain.CyclePhase.Evaluation)
            && !db.EvaluationRatings.Any(r => r.ProjectId == p.Id && r.DeputyId == deputy));
        if (request.HasYear) query = query.Where(p => p.Year == request.Year);
        if (request.HasCategory)
        {
            var category = ProtoEnums.ToDomain<Domain.ProjectCategory>(request.Category)!.Value;
            query = query.Where(p => p.Category == category);
        }
        if (request.HasDistrictCode) query = query.Where(p => p.DistrictCodes.Contains(request.DistrictCode));
        var page = await query.OrderByDescending(p => p.Year).ThenBy(p => p.CandidateNumber).ThenBy(p => p.Id).ToPageAsync(paging, ct);
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
        return new ListPendingEvaluationsResponse
        {
            Projects = { page.Items.Select(p => LivelihoodMapping.ToProto(p, caller, today)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    /// <summary>DELAYED is not stored: it is an in-progress project with a milestone past due on <paramref name="today"/>.</summary>
    private static IQueryable<DomainProject> WithStatus(IQueryable<DomainProject> query, Domain.ProjectStatus status, DateOnly today) => status switch
    {
        Domain.ProjectStatus.Delayed => query.Where(p => p.Status == Domain.ProjectStatus.InProgress
            && p.Milestones.Any(m => m.CompletedAt == null && m.DueDate < today)),
        Domain.ProjectStatus.InProgress => query.Where(p => p.Status == Domain.ProjectStatus.InProgress
            && !p.Milestones.Any(m => m.CompletedAt == null && m.DueDate < today)),
        _ => query.Where(p => p.Status == status),
    };

    private static void RequireYear(Validator validator, bool given, int year) =>
        validator.Require(!given || DomainProject.IsYearInRange(year), "year", "must be between {0} and {1}", DomainProject.MinYear, DomainProject.MaxYear);

    private static void RequireDistrict(Validator validator, bool given, string code) =>
        validator.Require(!given || ReferenceData.IsDistrict(code), "districtCode", "must be a known district code");
}
