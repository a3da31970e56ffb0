using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Grpc;

/// <summary>At the next congress the deputies rate each adopted project, once each.</summary>
public sealed class EvaluationRequests(LivelihoodDbContext db, TimeProvider clock)
{
    public async Task<EvaluateProjectResponse> EvaluateAsync(EvaluateProjectRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureDeputy(caller);
        var project = await db.FindProjectAsync(RequestParsing.Id(request.Id, "id", "a project id"), request.Id, tracked: false, ct);
        var rating = EvaluationRating.Rate(await db.FindCycleAsync(project.Year, ct), project, caller.Subject,
            ProtoEnums.ToDomain<Domain.Satisfaction>(request.Rating), clock.GetUtcNow());
        var alreadyRated = new LocalText("Deputy {0} has already evaluated this project.", caller.Subject);
        if (await db.EvaluationRatings.AnyAsync(r => r.ProjectId == project.Id && r.DeputyId == caller.Subject, ct))
            throw new ConflictException(alreadyRated.Text, alreadyRated.Args);
        db.EvaluationRatings.Add(rating);
        await db.SaveRefusingDuplicatesAsync(alreadyRated, ct);
        return new EvaluateProjectResponse { ProjectId = project.Id.ToString(), Rating = request.Rating };
    }
}
