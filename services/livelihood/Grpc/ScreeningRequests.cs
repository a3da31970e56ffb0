using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using DomainCycle = Longgang.Livelihood.Domain.Cycle;
using DomainProject = Longgang.Livelihood.Domain.Project;
using ProtoProject = Longgang.Livelihood.Contracts.V1.Project;

namespace Longgang.Livelihood.Grpc;

/// <summary>The livelihood office screens the proposals: accepts them as candidates, screens them out, merges duplicates.</summary>
public sealed class ScreeningRequests(LivelihoodDbContext db, TimeProvider clock)
{
    public Task<ProtoProject> AcceptAsync(AcceptCandidateRequest request, Caller caller, CancellationToken ct) =>
        ScreenAsync(request.Id, caller, ct, (project, cycle) =>
            project.AcceptAsCandidate(cycle, request.OwningDepartmentCode, request.EstimatedCostYuan,
                RequestParsing.Date(request.CompletionDate, "completionDate")));

    public Task<ProtoProject> ScreenOutAsync(ScreenOutProjectRequest request, Caller caller, CancellationToken ct) =>
        ScreenAsync(request.Id, caller, ct, (project, cycle) => project.ScreenOut(cycle, request.Reason));

    public async Task<ProtoProject> MergeAsync(MergeProjectRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureOffice(caller);
        var duplicateId = RequestParsing.Id(request.Id, "id", "a project id");
        var targetId = RequestParsing.Id(request.IntoProjectId, "intoProjectId", "a project id");
        var duplicate = await db.FindProjectAsync(duplicateId, request.Id, tracked: true, ct);
        var target = await db.FindProjectAsync(targetId, request.IntoProjectId, tracked: true, ct);
        duplicate.MergeInto(await db.FindCycleAsync(duplicate.Year, ct), target);
        await db.SaveAsync(ct);
        return LivelihoodMapping.ToProto(target, caller, WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()));
    }

    private async Task<ProtoProject> ScreenAsync(string id, Caller caller, CancellationToken ct, Action<DomainProject, DomainCycle> screen)
    {
        LivelihoodAccess.EnsureOffice(caller);
        var project = await db.FindProjectAsync(RequestParsing.Id(id, "id", "a project id"), id, tracked: true, ct);
        screen(project, await db.FindCycleAsync(project.Year, ct));
        await db.SaveAsync(ct);
        return LivelihoodMapping.ToProto(project, caller, WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()));
    }
}
