using Grpc.Core;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;
using Microsoft.EntityFrameworkCore;
using ProtoCase = Longgang.Governance.Contracts.V1.Case;
using ProtoDistrict = Longgang.Governance.Contracts.V1.District;

namespace Longgang.Governance.Grpc;

public sealed class GovernanceGrpcService(GovernanceDbContext db, TimeProvider clock) : GovernanceService.GovernanceServiceBase
{
    public override async Task<ProtoDistrict> GetDistrict(GetDistrictRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (string.IsNullOrWhiteSpace(request.Code)) throw new ValidationFailedException("code", "is required");
        var district = await db.DistrictWithCommunitiesAsync(request.Code, context.CancellationToken)
            ?? throw new NotFoundException("District", request.Code);
        GovernanceAccess.EnsureMayReadDistrict(caller, district.Code);

        var tally = await db.ServiceHallTallyAsync(district.Code, context.CancellationToken);
        return GovernanceMapping.ToProto(district, tally);
    }

    public override async Task<ProtoCase> ReportCase(ReportCaseRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var grid = string.IsNullOrWhiteSpace(request.GridCode)
            ? null
            : await db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == request.GridCode, context.CancellationToken);
        var draft = new CaseDraft(request.GridCode, GovernanceMapping.FromProto(request.Source), request.Category,
            request.Description, request.PhotoRefs);
        var reported = Domain.Case.Report(grid, draft, caller, clock.GetUtcNow());

        db.Cases.Add(reported);
        db.AddIntegrationEvent(new CaseReported(reported.Id, reported.DistrictCode, reported.GridCode, reported.Category,
            GovernanceMapping.SourceName(reported.Source), reported.ReportedAt));
        await db.SaveChangesAsync(context.CancellationToken);
        return GovernanceMapping.ToProto(reported);
    }

    public override async Task<ProtoCase> GetCase(GetCaseRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var id = Guid.TryParse(request.Id, out var parsed)
            ? parsed
            : throw new ValidationFailedException("id", "must be a case id (a UUID)");
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Case", request.Id);
        if (!GovernanceAccess.CanSeeCase(caller, found.ReporterId, found.DistrictCode))
            throw new ForbiddenException("This case was reported by someone else in another district.");
        return GovernanceMapping.ToProto(found);
    }
}
