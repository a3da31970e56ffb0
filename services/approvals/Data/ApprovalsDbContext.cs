using Longgang.Approvals.Documents;
using Longgang.Approvals.Domain;
using Longgang.Platform.Data;
using Longgang.Platform.Files;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Data;

public sealed class ApprovalsDbContext(DbContextOptions<ApprovalsDbContext> options) : PlatformDbContext(options)
{
    public DbSet<Matter> Matters => Set<Matter>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<SlaWarning> SlaWarnings => Set<SlaWarning>();
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<DocumentCode> DocumentCodes => Set<DocumentCode>();

    /// <summary>The newest version of a matter, the one new applications are submitted under.</summary>
    public Task<Matter?> CurrentMatterAsync(string code, CancellationToken cancellationToken) =>
        Matters.Where(m => m.Code == code).OrderByDescending(m => m.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The version an application was submitted under.</summary>
    public Task<Matter?> MatterVersionAsync(string code, int version, CancellationToken cancellationToken) =>
        Matters.FirstOrDefaultAsync(m => m.Code == code && m.Version == version, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Matter>(e =>
        {
            e.ToTable("matters");
            e.HasKey(m => new { m.Code, m.Version });
            e.Property(m => m.Code).HasMaxLength(32);
            e.Property(m => m.Name).HasMaxLength(200);
            e.Property(m => m.DepartmentCode).HasMaxLength(64);
            e.Property(m => m.DefinedBy).HasMaxLength(64);
            e.Property(m => m.Conditions).HasMaxLength(MatterGuide.MaxLength);
            e.Property(m => m.Fees).HasMaxLength(MatterGuide.MaxLength);
            e.Property(m => m.LegalBasis).HasMaxLength(MatterGuide.MaxLength);
            e.Property(m => m.WhereToGo).HasMaxLength(MatterGuide.MaxLength);
            e.Property(m => m.CityTag).HasMaxLength(32);
            e.PrimitiveCollection(m => m.RequiredMaterials).HasField("_requiredMaterials");
            e.PrimitiveCollection(m => m.ParticipatingDepartments).HasField("_participatingDepartments");
            e.HasIndex(m => m.DepartmentCode);
        });
        modelBuilder.Entity<Application>(e =>
        {
            e.ToTable("applications");
            e.HasKey(a => a.Id);
            e.Property(a => a.MatterCode).HasMaxLength(32);
            e.Property(a => a.DepartmentCode).HasMaxLength(64);
            e.Property(a => a.ApplicantId).HasMaxLength(64);
            e.Property(a => a.ApplicantName).HasMaxLength(100);
            e.Property(a => a.ResidentId).HasMaxLength(18);
            e.Property(a => a.SubmittedBy).HasMaxLength(64);
            e.Property(a => a.DistrictCode).HasMaxLength(32);
            e.Property(a => a.SuspensionReason).HasMaxLength(500);
            e.Property(a => a.StatusReason).HasMaxLength(4000);
            e.Property(a => a.CertificateNumber).HasMaxLength(64);
            e.Property(a => a.CityTag).HasMaxLength(32);
            // two departments deciding a joint application at once: the second save fails instead of losing a step
            e.Property(a => a.Revision).IsConcurrencyToken();
            e.PrimitiveCollection(a => a.Materials).HasField("_materials");
            e.PrimitiveCollection(a => a.MissingMaterials).HasField("_missingMaterials");
            e.PrimitiveCollection(a => a.RequestedCorrections).HasField("_requestedCorrections");
            e.PrimitiveCollection(a => a.FirstNoticeMaterials).HasField("_firstNoticeMaterials");
            e.OwnsMany(a => a.Steps, s =>
            {
                s.ToTable("application_steps");
                s.WithOwner().HasForeignKey("ApplicationId");
                s.HasKey("ApplicationId", nameof(ReviewStep.DepartmentCode));
                s.Property(x => x.DepartmentCode).HasMaxLength(64);
                s.Property(x => x.Reason).HasMaxLength(500);
                s.Property(x => x.DecidedBy).HasMaxLength(64);
                s.HasIndex(x => x.DepartmentCode);
            });
            e.OwnsMany(a => a.Ledger, l =>
            {
                l.ToTable("application_ledger");
                l.WithOwner().HasForeignKey("ApplicationId");
                l.HasKey("ApplicationId", nameof(LedgerEntry.Sequence));
                l.Property(x => x.Sequence).ValueGeneratedNever();
                l.Property(x => x.Actor).HasMaxLength(64);
                l.Property(x => x.ActorRole).HasMaxLength(32);
                l.Property(x => x.Reason).HasMaxLength(4000);
                l.Property(x => x.DepartmentCode).HasMaxLength(64);
            });
            e.OwnsMany(a => a.ProvidedMaterials, p =>
            {
                p.ToTable("application_provided_materials");
                p.WithOwner().HasForeignKey("ApplicationId");
                p.HasKey("ApplicationId", nameof(ProvidedMaterial.Sequence));
                p.Property(x => x.Sequence).ValueGeneratedNever();
                p.Property(x => x.Material).HasMaxLength(200);
                p.Property(x => x.ProvidedBy).HasMaxLength(64);
            });
            e.Navigation(a => a.ProvidedMaterials).HasField("_provided");
            e.OwnsOne(a => a.Evaluation, v => v.Property(x => x.Comment).HasMaxLength(500));
            e.OwnsOne(a => a.Rectification, r => r.Property(x => x.ActionTaken).HasMaxLength(1000));
            e.HasIndex(a => new { a.ApplicantId, a.SubmittedAt });
            e.HasIndex(a => new { a.SubmittedBy, a.SubmittedAt });
            e.HasIndex(a => new { a.DepartmentCode, a.SubmittedAt });
            e.HasIndex(a => new { a.DistrictCode, a.SubmittedAt });
            // the list's own order, newest first: its first page and every keyset page read this index instead of sorting
            // every application (bench/README.md, "Volume")
            e.HasIndex(a => new { a.SubmittedAt, a.Id });
            e.HasIndex(a => new { a.Status, a.ReceivedAt });
            e.HasIndex(a => a.DecidedAt);
            // the lists' filters: search by resident ID, by matter, and the work queue's due dates
            e.HasIndex(a => a.ResidentId);
            e.HasIndex(a => new { a.MatterCode, a.SubmittedAt });
            e.HasIndex(a => new { a.Status, a.PromisedDueOn });
            e.HasIndex(a => new { a.Status, a.CertificateDueOn });
        });
        modelBuilder.AddStoredFiles();
        modelBuilder.Entity<SlaWarning>(e =>
        {
            e.ToTable("sla_warnings");
            e.HasKey(w => w.Id);
            e.Property(w => w.MatterCode).HasMaxLength(32);
            e.Property(w => w.DepartmentCode).HasMaxLength(64);
            // once each, even if two supervisors ever raced past the lock
            e.HasIndex(w => new { w.ApplicationId, w.Scope, w.DepartmentCode, w.Level }).IsUnique();
            e.HasIndex(w => new { w.DepartmentCode, w.RaisedAt });
        });
        modelBuilder.Entity<DocumentCode>(e =>
        {
            e.ToTable("document_codes");
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(Documents.DocumentCodes.Length);
            // one code per document, even when two printers race to make it
            e.HasIndex(c => new { c.ApplicationId, c.LedgerSequence }).IsUnique();
        });
    }
}
