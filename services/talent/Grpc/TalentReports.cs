using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Grpc;

/// <summary>
/// Figures across certifications, programmes and hires: the public certified counts (no personal data) and the talent
/// report for the talent office and city admins.
/// </summary>
public sealed class TalentReports(TalentDbContext db)
{
    public async Task<CertifiedCounts> GetCertifiedCountsAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Certifications.AsNoTracking().Where(c => c.Status == Domain.CertificationStatus.Certified)
            .GroupBy(c => new { c.TierCode, c.DistrictCode })
            .Select(g => new { g.Key.TierCode, g.Key.DistrictCode, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new CertifiedCounts
        {
            Total = counts.Sum(c => c.Count),
            Counts =
            {
                counts.OrderBy(c => c.TierCode).ThenBy(c => c.DistrictCode)
                    .Select(c => Count(c.TierCode, c.DistrictCode, c.Count)),
            },
        };
    }

    public async Task<TalentReport> GetTalentReportAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.IsCityAdmin && !CertificationAccess.IsTalentOffice(caller))
            throw new ForbiddenException("The talent report is for the talent office and city admins.");
        var certified = await db.Certifications.AsNoTracking().Where(c => c.Status == Domain.CertificationStatus.Certified)
            .Select(c => new { c.TierCode, c.Sector, c.Employer, c.DistrictCode, c.Channel }).ToListAsync(cancellationToken);
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Year).ThenBy(p => p.Code).ToListAsync(cancellationToken);
        var hires = await (from a in db.PositionApplications.AsNoTracking()
                           join p in db.Positions.AsNoTracking() on a.PositionId equals p.Id
                           where a.Status == Domain.PositionApplicationStatus.Hired
                           select new { a.CertifiedHire, p.EmployerName, p.DistrictCode, p.Channel }).ToListAsync(cancellationToken);
        var openPositions = await db.Positions.AsNoTracking().Where(p => p.Status == Domain.PositionStatus.Open)
            .GroupBy(p => p.Channel).Select(g => new { Channel = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        static IEnumerable<ReportLine> Lines<T>(IEnumerable<T> rows, Func<T, string?> key) =>
            rows.GroupBy(r => key(r) ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Line(g.Key, g.Count()));
        var certifiedHires = hires.Where(h => h.CertifiedHire).ToList();
        return new TalentReport
        {
            CertifiedTotal = certified.Count,
            CertifiedByTier = { Lines(certified, c => c.TierCode) },
            CertifiedBySector = { Lines(certified, c => c.Sector) },
            CertifiedByEmployer = { Lines(certified, c => c.Employer) },
            CertifiedByDistrict = { Lines(certified, c => c.DistrictCode) },
            Programmes =
            {
                programmes.Select(p => new ProgrammeLine
                {
                    Code = p.Code, Year = p.Year, Budget = p.Budget, Committed = p.Committed, Paid = p.Paid, Remaining = p.Remaining,
                    Channel = TalentMapping.ToProto(p.Channel),
                }),
            },
            PositionsFilled = hires.Count,
            CertifiedHiresByEmployer = { Lines(certifiedHires, h => h.EmployerName) },
            CertifiedHiresByDistrict = { Lines(certifiedHires, h => h.DistrictCode) },
            // every channel, in the enum's order, even at zero: a screen shows the three side by side
            ByChannel =
            {
                Enum.GetValues<Domain.TalentChannel>().Select(channel => new ChannelLine
                {
                    Channel = TalentMapping.ToProto(channel),
                    Certified = certified.Count(c => c.Channel == channel),
                    Programmes = programmes.Count(p => p.Channel == channel),
                    Budget = programmes.Where(p => p.Channel == channel).Sum(p => p.Budget),
                    Committed = programmes.Where(p => p.Channel == channel).Sum(p => p.Committed),
                    Paid = programmes.Where(p => p.Channel == channel).Sum(p => p.Paid),
                    PositionsOpen = openPositions.Where(p => p.Channel == channel).Sum(p => p.Count),
                    PositionsFilled = hires.Count(h => h.Channel == channel),
                    CertifiedHires = certifiedHires.Count(h => h.Channel == channel),
                }),
            },
        };
    }

    private static CertifiedCount Count(string tierCode, string? districtCode, int count)
    {
        var line = new CertifiedCount { TierCode = tierCode, Count = count };
        if (districtCode is not null) line.DistrictCode = districtCode;
        return line;
    }

    /// <summary>A report line; rows that give no key (no district, say) are counted under a line without one.</summary>
    private static ReportLine Line(string key, int count)
    {
        var line = new ReportLine { Count = count };
        if (key.Length > 0) line.Key = key;
        return line;
    }
}
