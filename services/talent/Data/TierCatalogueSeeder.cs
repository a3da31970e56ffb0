using Longgang.Platform.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Data;

/// <summary>
/// Version 1 of the A-E tier catalogue (after the Wenzhou practice); the talent office publishes later versions. The top
/// tiers A-C are certified through approvals (DOMAIN.md flow 3), D and E by the talent office's own reviews.
/// </summary>
public sealed class TierCatalogueSeeder : IDatabaseSeeder<TalentDbContext>
{
    public static IReadOnlyList<Tier> Tiers { get; } =
    [
        new() { Code = "A", CertifiedThroughApprovals = true, Name = "Top talent",
            Criteria = "Academician of a national academy, or laureate of a top national or international science award." },
        new() { Code = "B", CertifiedThroughApprovals = true, Name = "National leading talent",
            Criteria = "Selected for a national talent programme, or winner of a national science and technology award." },
        new() { Code = "C", CertifiedThroughApprovals = true, Name = "Provincial leading talent",
            Criteria = "Selected for a provincial talent programme, or winner of a provincial science and technology award." },
        new() { Code = "D", Name = "Municipal leading talent",
            Criteria = "Selected for a municipal talent programme, or a recognised leader in a key local industry." },
        new() { Code = "E", Name = "Senior talent",
            Criteria = "Senior professional title, senior technician qualification, or a doctorate with relevant work experience." },
    ];

    public async Task SeedAsync(TalentDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Tiers.AnyAsync(cancellationToken)) return;
        // copies, so the static catalogue is never tracked by (and shared between) contexts
        db.Tiers.AddRange(Tiers.Select(t => new Tier
        {
            Code = t.Code, CatalogueVersion = t.CatalogueVersion, Name = t.Name, Criteria = t.Criteria,
            CertifiedThroughApprovals = t.CertifiedThroughApprovals,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
