using Longgang.Livelihood.Domain;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Data;

public sealed class LivelihoodDbContext(DbContextOptions<LivelihoodDbContext> options) : PlatformDbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Cycle> Cycles => Set<Cycle>();
    public DbSet<Ballot> Ballots => Set<Ballot>();
    public DbSet<EvaluationRating> EvaluationRatings => Set<EvaluationRating>();

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
            e.Property(p => p.ScreeningReason).HasMaxLength(1000);
            e.Property(p => p.OwningDepartmentCode).HasMaxLength(64);
            e.Property(p => p.StageTarget).HasMaxLength(1000);
            // a deliberation resolution becomes one proposal, whichever message delivers it
            e.HasIndex(p => p.SourceResolutionId).IsUnique();
            // and a governance case hotspot one proposal
            e.HasIndex(p => p.SourceHotspotId).IsUnique();
            // a milestone completed by its department and by a certificate at the same moment: one save fails and retries
            e.Property(p => p.Revision).IsConcurrencyToken();
            // a year's listing, in proposal order
            e.HasIndex(p => new { p.Year, p.ProposedAt, p.Id });
            // the list's filters (a district is one of the codes of a JSON/array column: matched without an index)
            e.HasIndex(p => new { p.Status, p.Year });
            e.HasIndex(p => new { p.Category, p.Year });
            e.HasIndex(p => p.OwningDepartmentCode);
            e.HasIndex(p => p.ProposerId);
            e.Property(p => p.CityTag).HasMaxLength(32);
            e.HasIndex(p => new { p.CityTag, p.Year });
            // the next year's board and lists find the projects carried over into it
            e.HasIndex(p => p.CarriedOverToYear);
            e.OwnsOne(p => p.Vote);
            e.OwnsMany(p => p.Milestones, m =>
            {
                m.ToTable("milestones");
                m.WithOwner().HasForeignKey("ProjectId");
                m.HasKey(x => x.Id);
                m.Property(x => x.Id).ValueGeneratedNever();
                m.Property(x => x.Title).HasMaxLength(200);
                // CertificateIssued finds the milestones waiting for an application
                m.HasIndex(x => x.LinkedApplicationId);
            });
            // the aggregates' collections are read-only views of private lists, which EF fills and tracks
            e.Navigation(p => p.Milestones).AutoInclude().UsePropertyAccessMode(PropertyAccessMode.Field);
            e.PrimitiveCollection(p => p.DistrictCodes).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<Cycle>(e =>
        {
            e.ToTable("cycles");
            e.HasKey(c => c.Year);
            e.Property(c => c.Year).ValueGeneratedNever();
            e.Property(c => c.Revision).IsConcurrencyToken();
            // the list of cycles by phase; the deputies' evaluation queue finds the cycles in evaluation
            e.HasIndex(c => c.Phase);
            e.OwnsMany(c => c.CategoryEnvelopes, o => o.ToJson());
            e.OwnsMany(c => c.DistrictEnvelopes, o => o.ToJson());
            e.OwnsMany(c => c.PhaseHistory, o => o.ToJson());
            e.Navigation(c => c.CategoryEnvelopes).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.Navigation(c => c.DistrictEnvelopes).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.Navigation(c => c.PhaseHistory).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.OwnsOne(c => c.Budget);
            e.OwnsOne(c => c.FinalAccounts);
        });
        modelBuilder.Entity<Ballot>(e =>
        {
            e.ToTable("ballots");
            e.HasKey(b => b.Id);
            e.Property(b => b.DeputyId).HasMaxLength(Ballot.MaxDeputyIdLength);
            // one ballot per deputy per year, even when two requests race
            e.HasIndex(b => new { b.Year, b.DeputyId }).IsUnique();
            e.PrimitiveCollection(b => b.Choices).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<EvaluationRating>(e =>
        {
            e.ToTable("evaluation_ratings");
            e.HasKey(r => new { r.ProjectId, r.DeputyId });
            e.Property(r => r.DeputyId).HasMaxLength(64);
        });
    }
}
