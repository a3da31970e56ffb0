using System.Runtime.CompilerServices;
using Longgang.Platform.Messaging;
using Longgang.Talent.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Messaging;

/// <summary>
/// Talent's part of a dashboard rebuild: every certification's implied events (<see cref="Domain.Certification.ImpliedEvents"/>),
/// then every claim's (<see cref="Domain.EntitlementClaim.ImpliedEvents"/>).
/// </summary>
public sealed class DashboardReplayer(TalentDbContext db)
    : DashboardReplayer<TalentDbContext>(db)
{
    protected override string Service => TalentExtensions.DatabaseName;

    public override async IAsyncEnumerable<object> EventsOfRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var certifications = DashboardReplay.ByIdAsync(after => Db.Certifications.AsNoTracking()
            .Where(c => after == null || c.Id.CompareTo(after.Value) > 0)
            .OrderBy(c => c.Id).Take(DashboardReplay.PageSize).ToListAsync(cancellationToken), c => c.Id);
        await foreach (var certification in certifications)
        {
            foreach (var integrationEvent in certification.ImpliedEvents()) yield return integrationEvent;
        }
        var claims = DashboardReplay.ByIdAsync(after => Db.Claims.AsNoTracking()
            .Where(c => c.ApprovedAt != null && (after == null || c.Id.CompareTo(after.Value) > 0))
            .OrderBy(c => c.Id).Take(DashboardReplay.PageSize).ToListAsync(cancellationToken), c => c.Id);
        await foreach (var claim in claims)
        {
            foreach (var integrationEvent in claim.ImpliedEvents()) yield return integrationEvent;
        }
    }
}
