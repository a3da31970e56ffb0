using Longgang.Approvals.Domain;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Data;

public sealed class ApprovalsDbContext(DbContextOptions<ApprovalsDbContext> options) : PlatformDbContext(options)
{
    public DbSet<Matter> Matters => Set<Matter>();
    public DbSet<Application> Applications => Set<Application>();

    /// <summary>The newest version of a matter, the one new applications are submitted under.</summary>
    public Task<Matter?> CurrentMatterAsync(string code, CancellationToken cancellationToken) =>
        Matters.Where(m => m.Code == code).OrderByDescending(m => m.Version).FirstOrDefaultAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Matter>(e =>
        {
            e.ToTable("matters");
            e.HasKey(m => new { m.Code, m.Version });
            e.Property(m => m.Code).HasMaxLength(32);
            e.Property(m => m.DepartmentCode).HasMaxLength(64);
        });
        modelBuilder.Entity<Application>(e =>
        {
            e.ToTable("applications");
            e.HasKey(a => a.Id);
            e.Property(a => a.MatterCode).HasMaxLength(32);
            e.Property(a => a.DepartmentCode).HasMaxLength(64);
            e.Property(a => a.ApplicantId).HasMaxLength(64);
            e.Property(a => a.ApplicantName).HasMaxLength(100);
            e.Property(a => a.DistrictCode).HasMaxLength(32);
            e.HasIndex(a => new { a.ApplicantId, a.SubmittedAt });
            e.HasIndex(a => new { a.DepartmentCode, a.SubmittedAt });
            e.HasIndex(a => new { a.DistrictCode, a.SubmittedAt });
        });
    }
}
