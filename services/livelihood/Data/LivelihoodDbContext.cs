using Longgang.Livelihood.Domain;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Data;

public sealed class LivelihoodDbContext(DbContextOptions<LivelihoodDbContext> options) : PlatformDbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Project>(e =>
        {
            e.ToTable("projects");
            e.HasKey(p => p.Id);
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.Rationale).HasMaxLength(4000);
            e.Property(p => p.ProposerId).HasMaxLength(64);
            // a year's listing, in proposal order
            e.HasIndex(p => new { p.Year, p.ProposedAt, p.Id });
        });
    }
}
