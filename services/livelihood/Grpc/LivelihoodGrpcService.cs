using Grpc.Core;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;
using Microsoft.EntityFrameworkCore;
using ProtoProject = Longgang.Livelihood.Contracts.V1.Project;

namespace Longgang.Livelihood.Grpc;

/// <summary>Proposals are public: any authenticated caller may read them (the gateway endpoint requires a token).</summary>
public sealed class LivelihoodGrpcService(LivelihoodDbContext db, TimeProvider clock) : LivelihoodService.LivelihoodServiceBase
{
    public override async Task<ProtoProject> ProposeProject(ProposeProjectRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var draft = new ProjectDraft(request.Year, request.Title, LivelihoodMapping.FromProto(request.Category),
            request.DistrictCodes, request.EstimatedCostYuan, request.Rationale);
        var project = Domain.Project.Propose(draft, caller, clock.GetUtcNow());

        db.Projects.Add(project);
        db.AddIntegrationEvent(new ProjectProposed(project.Id, project.Year, LivelihoodMapping.CategoryName(project.Category),
            project.DistrictCodes, project.EstimatedCostYuan, project.ProposedAt));
        await db.SaveChangesAsync(context.CancellationToken);
        return LivelihoodMapping.ToProto(project);
    }

    public override async Task<ProtoProject> GetProject(GetProjectRequest request, ServerCallContext context)
    {
        var id = Guid.TryParse(request.Id, out var parsed) ? parsed : throw new ValidationFailedException("id", "must be a project id (a UUID)");
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Project", request.Id);
        return LivelihoodMapping.ToProto(project);
    }

    public override async Task<ListProjectsResponse> ListProjects(ListProjectsRequest request, ServerCallContext context)
    {
        new Validator()
            .Require(Domain.Project.IsYearInRange(request.Year), "year", $"must be between {Domain.Project.MinYear} and {Domain.Project.MaxYear}")
            .Require(request.PageSize >= 0, "pageSize", "must not be negative")
            .Require(PageToken.TryDecode(request.PageToken, out var offset), "pageToken", "is not a token this API issued")
            .ThrowIfInvalid();
        var pageSize = request.PageSize == 0 ? PageToken.DefaultPageSize : Math.Min(request.PageSize, PageToken.MaxPageSize);

        var page = await db.Projects.AsNoTracking().Where(p => p.Year == request.Year)
            .OrderBy(p => p.ProposedAt).ThenBy(p => p.Id)
            .Skip(offset).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListProjectsResponse { Projects = { page.Take(pageSize).Select(LivelihoodMapping.ToProto) } };
        if (page.Count > pageSize) response.NextPageToken = PageToken.Encode(offset + pageSize);
        return response;
    }
}
