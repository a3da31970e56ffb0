using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using DistrictReport = Longgang.Governance.Contracts.V1.DistrictReport;
using ProtoDistrict = Longgang.Governance.Contracts.V1.District;

namespace Longgang.Governance.Grpc;

/// <summary>The directory's districts and their reports; names are stored in English and shown in the caller's language.</summary>
public sealed class DistrictHandlers(GovernanceDbContext db, TimeProvider clock, WorkingDayCalendar calendar, PlatformText text)
{
    public async Task<ListDistrictsResponse> ListAsync(ListDistrictsRequest request, CancellationToken ct)
    {
        new Validator().RequirePage(request.PageSize, request.PageToken, out var paging).ThrowIfInvalid();
        var page = await db.Districts.AsNoTracking().OrderBy(d => d.Code)
            .Select(d => new DistrictSummary
            {
                Code = d.Code,
                Name = d.Name,
                CommunityCount = d.Communities.Count,
                GridCount = d.Communities.Sum(c => c.Grids.Count),
            })
            .ToPageAsync(paging, ct);
        foreach (var district in page.Items) district.Name = text.Translate(district.Name);
        return new ListDistrictsResponse { Districts = { page.Items }, NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
    }

    public async Task<ProtoDistrict> GetAsync(GetDistrictRequest request, Caller caller, CancellationToken ct)
    {
        GovernanceAccess.EnsureMayReadDistrict(caller, request.DistrictCode);
        if (string.IsNullOrWhiteSpace(request.DistrictCode)) throw new ValidationFailedException("districtCode", "is required");
        var district = await db.DistrictWithCommunitiesAsync(request.DistrictCode, ct) ?? throw new NotFoundException("District", request.DistrictCode);
        return GovernanceMapping.ToProto(district, await db.ServiceHallTallyAsync(district.Code, ct), text.Translate);
    }

    public async Task<DistrictReport> GetReportAsync(GetDistrictReportRequest request, Caller caller, CancellationToken ct)
    {
        var code = request.DistrictCode;
        GovernanceAccess.EnsureMayReadReport(caller, code);
        if (string.IsNullOrWhiteSpace(code)) throw new ValidationFailedException("districtCode", "is required");
        if (!await db.Districts.AnyAsync(d => d.Code == code, ct)) throw new NotFoundException("District", code);

        var report = Domain.DistrictReport.Build(code,
            await db.Grids.AsNoTracking().Where(g => g.DistrictCode == code).ToListAsync(ct),
            await db.Cases.AsNoTracking().Where(c => c.DistrictCode == code).ToListAsync(ct),
            await db.Mediations.AsNoTracking().Where(m => m.DistrictCode == code).ToListAsync(ct),
            await db.TeamSeatsAsync(code, WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()), ct),
            clock.GetUtcNow(), calendar);
        return GovernanceMapping.ToProto(report, await db.ServiceHallTallyAsync(code, ct));
    }
}
