using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using ProtoProject = Longgang.Livelihood.Contracts.V1.Project;

namespace Longgang.Livelihood.Grpc;

/// <summary>
/// Implementation: the owning department (or the office) manages the milestones, in the cycle the project is implemented
/// in now (the next year's, once carried over); the office carries unfinished projects over.
/// </summary>
public sealed class ImplementationRequests(LivelihoodDbContext db, TimeProvider clock)
{
    public async Task<ProtoProject> AddMilestoneAsync(AddMilestoneRequest request, Caller caller, CancellationToken ct)
    {
        // who may manage depends on the project's owning department, so the project is found first
        var project = await db.FindProjectAsync(RequestParsing.Id(request.ProjectId, "projectId", "a project id"), request.ProjectId, tracked: true, ct);
        LivelihoodAccess.EnsureMayManage(caller, project);
        var linked = request.LinkedApplicationId.Length == 0 ? (Guid?)null
            : RequestParsing.Id(request.LinkedApplicationId, "linkedApplicationId", "an approvals application id");
        var draft = new MilestoneDraft(request.Title, request.Weight, RequestParsing.Date(request.DueDate, "dueDate"), linked, request.AmountYuan);
        project.AddMilestone(await db.FindCycleAsync(project.ImplementationYear, ct), draft, clock.GetUtcNow());
        await db.SaveAsync(ct);
        return LivelihoodMapping.ToProto(project, caller, WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()));
    }

    public async Task<ProtoProject> CompleteMilestoneAsync(CompleteMilestoneRequest request, Caller caller, CancellationToken ct)
    {
        var project = await db.FindProjectAsync(RequestParsing.Id(request.ProjectId, "projectId", "a project id"), request.ProjectId, tracked: true, ct);
        LivelihoodAccess.EnsureMayManage(caller, project);
        var milestoneId = RequestParsing.Id(request.Id, "id", "a milestone id");
        project.CompleteMilestone(await db.FindCycleAsync(project.ImplementationYear, ct), milestoneId, clock.GetUtcNow());
        await db.SaveAsync(ct);
        return LivelihoodMapping.ToProto(project, caller, WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()));
    }

    public async Task<ProtoProject> CarryOverAsync(CarryOverProjectRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureOffice(caller);
        var project = await db.FindProjectAsync(RequestParsing.Id(request.Id, "id", "a project id"), request.Id, tracked: true, ct);
        project.CarryOver(await db.FindCycleAsync(project.Year, ct), request.StageTarget);
        await db.SaveAsync(ct);
        return LivelihoodMapping.ToProto(project, caller, WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()));
    }
}
