using Longgang.Platform.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Data;

public sealed class TalentDbContext(DbContextOptions<TalentDbContext> options) : PlatformDbContext(options)
{
    public DbSet<Tier> Tiers => Set<Tier>();
    public DbSet<Certification> Certifications => Set<Certification>();

    /// <summary>The newest catalogue version, the one new applications are made under; 0 before any is seeded.</summary>
    public async Task<int> CurrentCatalogueVersionAsync(CancellationToken cancellationToken) =>
        await Tiers.MaxAsync(t => (int?)t.CatalogueVersion, cancellationToken) ?? 0;

    /// <summary>
    /// A tier of the current catalogue. Unlike matters, tiers are versioned as a whole catalogue: a tier
    /// dropped from the newest version can no longer be applied for.
    /// </summary>
    public async Task<Tier?> CurrentTierAsync(string code, CancellationToken cancellationToken)
    {
        var version = await CurrentCatalogueVersionAsync(cancellationToken);
        return await Tiers.FirstOrDefaultAsync(t => t.CatalogueVersion == version && t.Code == code, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Tier>(e =>
        {
            e.ToTable("tiers");
            e.HasKey(t => new { t.CatalogueVersion, t.Code });
            e.Property(t => t.Code).HasMaxLength(8);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Criteria).HasMaxLength(1000);
        });
        modelBuilder.Entity<Certification>(e =>
        {
            e.ToTable("certifications");
            e.HasKey(c => c.Id);
            e.Property(c => c.ApplicantId).HasMaxLength(64);
            e.Property(c => c.ApplicantName).HasMaxLength(100);
            e.Property(c => c.TierCode).HasMaxLength(8);
            e.Property(c => c.Employer).HasMaxLength(200);
            e.Property(c => c.Sector).HasMaxLength(100);
            e.Property(c => c.DistrictCode).HasMaxLength(32);
            e.HasIndex(c => new { c.ApplicantId, c.SubmittedAt });
        });
    }
}
