using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using DomainProject = Longgang.Livelihood.Domain.Project;
using ProtoProject = Longgang.Livelihood.Contracts.V1.Project;

namespace Longgang.Livelihood.Grpc;

/// <summary>Proposals: proposed by citizens, deputies and departments, readable by every signed-in caller.</summary>
public sealed class ProposalRequests(LivelihoodDbContext db, TimeProvider clock)
{
    public async Task<ProtoProject> ProposeAsync(ProposeProjectRequest request, Caller caller, CancellationToken ct)
    {
        var draft = new ProjectDraft(request.Year, request.Title, ProtoEnums.ToDomain<Domain.ProjectCategory>(request.Category),
            request.DistrictCodes, request.EstimatedCostYuan, request.Rationale, request.HasCityTag ? request.CityTag : null);
        var cycle = DomainProject.IsYearInRange(request.Year) ? await db.Cycles.FindAsync([request.Year], ct) : null;
        var project = DomainProject.Propose(draft, caller, cycle, clock.GetUtcNow());
        db.Projects.Add(project);
        await db.SaveAsync(ct);
        return LivelihoodMapping.ToProto(project, caller, WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()));
    }

    public async Task<ProtoProject> GetAsync(GetProjectRequest request, Caller caller, CancellationToken ct)
    {
        var project = await db.FindProjectAsync(RequestParsing.Id(request.Id, "id", "a project id"), request.Id, tracked: false, ct);
        return LivelihoodMapping.ToProto(project, caller, WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()));
    }
}
