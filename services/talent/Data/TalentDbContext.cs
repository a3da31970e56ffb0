using Longgang.Platform.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Data;

public sealed class TalentDbContext(DbContextOptions<TalentDbContext> options) : PlatformDbContext(options)
{
    public DbSet<Tier> Tiers => Set<Tier>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<EntitlementClaim> Claims => Set<EntitlementClaim>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<PositionApplication> PositionApplications => Set<PositionApplication>();

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

    /// <summary>
    /// The claim or certification that asked approvals for <paramref name="applicationId"/> (tracked), or null when the
    /// application is not talent's.
    /// </summary>
    public async Task<IDecidedByApprovals?> DecidedByApprovalsAsync(Guid applicationId, CancellationToken cancellationToken) =>
        await Claims.FirstOrDefaultAsync(c => c.ApplicationId == applicationId, cancellationToken) as IDecidedByApprovals
        ?? await Certifications.FirstOrDefaultAsync(c => c.ApplicationId == applicationId, cancellationToken);

    /// <summary>
    /// Commits <paramref name="amount"/> against the programme's budget in one conditional UPDATE
    /// (<c>committed + amount &lt;= budget</c>). Of two concurrent claims for the last of the budget, PostgreSQL makes the
    /// second wait for the first's row lock and then re-checks the condition, so exactly one succeeds. False: not enough left.
    /// </summary>
    public async Task<bool> TryCommitBudgetAsync(string programmeCode, long amount, CancellationToken cancellationToken) =>
        await Programmes.Where(p => p.Code == programmeCode && p.Committed + amount <= p.Budget)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Committed, p => p.Committed + amount), cancellationToken) == 1;

    /// <summary>A rejected or expired claim's amount goes back to the budget.</summary>
    public Task ReleaseBudgetAsync(string programmeCode, long amount, CancellationToken cancellationToken) =>
        Programmes.Where(p => p.Code == programmeCode)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Committed, p => p.Committed - amount), cancellationToken);

    /// <summary>A paid claim stays committed and counts as paid.</summary>
    public Task AddPaidAsync(string programmeCode, long amount, CancellationToken cancellationToken) =>
        Programmes.Where(p => p.Code == programmeCode)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Paid, p => p.Paid + amount), cancellationToken);

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
            e.Property(c => c.EmployerId).HasMaxLength(64);
            e.Property(c => c.Sector).HasMaxLength(100);
            e.Property(c => c.DistrictCode).HasMaxLength(32);
            e.Property(c => c.StatusReason).HasMaxLength(Certification.MaxNoteLength);
            e.Property(c => c.CertificateNumber).HasMaxLength(64);
            // approvals' decision events find the certification by the application it asked for
            e.HasIndex(c => c.ApplicationId).IsUnique();
            // read-only views over private lists: named here, because the convention that keeps an aggregate's pending
            // events (an IReadOnlyList<object>) out of the model also skips every IReadOnlyList of a reference type
            e.PrimitiveCollection(c => c.Evidence);
            // two reviewers acting at once: the second save fails instead of overwriting the first
            e.Property(c => c.Revision).IsConcurrencyToken();
            e.OwnsMany(c => c.Objections, o =>
            {
                o.ToTable("certification_objections");
                o.WithOwner().HasForeignKey("CertificationId");
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.LodgedBy).HasMaxLength(64);
                o.Property(x => x.Reason).HasMaxLength(Objection.MaxReasonLength);
                o.Property(x => x.RuledBy).HasMaxLength(64);
            });
            e.OwnsMany(c => c.NoticeChanges, n =>
            {
                n.ToTable("certification_notice_changes");
                n.WithOwner().HasForeignKey("CertificationId");
                n.HasKey("CertificationId", nameof(NoticeChange.Sequence));
                n.Property(x => x.Sequence).ValueGeneratedNever();
                n.Property(x => x.Reason).HasMaxLength(NoticeChange.MaxReasonLength);
            });
            e.HasIndex(c => new { c.ApplicantId, c.SubmittedAt });
            e.HasIndex(c => new { c.EmployerId, c.SubmittedAt });
            // the review queues (by status, oldest first) and the public notice (in notice, ending soonest)
            e.HasIndex(c => new { c.Status, c.SubmittedAt });
            e.HasIndex(c => new { c.Status, c.NoticeEndsOn });
        });
        modelBuilder.Entity<Programme>(e =>
        {
            e.ToTable("programmes");
            e.HasKey(p => p.Code);
            e.Property(p => p.Code).HasMaxLength(Programme.MaxCodeLength);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.MatterCode).HasMaxLength(32);
            e.Ignore(p => p.Remaining);
            e.OwnsMany(p => p.TierAmounts, t =>
            {
                t.ToTable("programme_tier_amounts");
                t.WithOwner().HasForeignKey("ProgrammeCode");
                t.HasKey("ProgrammeCode", nameof(TierAmount.TierCode));
                t.Property(x => x.TierCode).HasMaxLength(8);
            });
        });
        modelBuilder.Entity<EntitlementClaim>(e =>
        {
            e.ToTable("entitlement_claims");
            e.HasKey(c => c.Id);
            e.HasIndex(c => c.ApplicationId).IsUnique();
            e.Property(c => c.ProgrammeCode).HasMaxLength(Programme.MaxCodeLength);
            e.Property(c => c.ApplicantId).HasMaxLength(64);
            e.Property(c => c.ApplicantName).HasMaxLength(100);
            e.Property(c => c.TierCode).HasMaxLength(8);
            e.Property(c => c.DistrictCode).HasMaxLength(32);
            e.Property(c => c.StatusReason).HasMaxLength(500);
            e.Property(c => c.PaymentReference).HasMaxLength(EntitlementClaim.MaxReferenceLength);
            e.PrimitiveCollection(c => c.Materials);
            e.Property(c => c.OpenKey).HasMaxLength(200);
            // one live (validated, approved or paid) claim per person, programme and period: never paid twice
            e.HasIndex(c => c.OpenKey).IsUnique();
            e.Property(c => c.Revision).IsConcurrencyToken();
            e.HasIndex(c => new { c.ApplicantId, c.SubmittedAt });
            e.HasIndex(c => new { c.Status, c.ValidUntil });
            // the talent office's queue of claims to pay (approved, oldest first)
            e.HasIndex(c => new { c.Status, c.SubmittedAt });
        });
        modelBuilder.Entity<Position>(e =>
        {
            e.ToTable("positions");
            e.HasKey(p => p.Id);
            e.Property(p => p.EmployerId).HasMaxLength(64);
            e.Property(p => p.EmployerName).HasMaxLength(200);
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.Sector).HasMaxLength(100);
            e.Property(p => p.TierSought).HasMaxLength(8);
            e.Property(p => p.DistrictCode).HasMaxLength(32);
            e.Property(p => p.Revision).IsConcurrencyToken();
            e.HasIndex(p => new { p.EmployerId, p.PostedAt });
            // the job board: open positions, newest first
            e.HasIndex(p => new { p.Status, p.PostedAt });
        });
        modelBuilder.Entity<PositionApplication>(e =>
        {
            e.ToTable("position_applications");
            e.HasKey(a => a.Id);
            e.Property(a => a.EmployerId).HasMaxLength(64);
            e.Property(a => a.CandidateId).HasMaxLength(64);
            e.Property(a => a.CandidateName).HasMaxLength(100);
            e.Property(a => a.CertifiedTier).HasMaxLength(8);
            e.Property(a => a.Revision).IsConcurrencyToken();
            // a candidate applies once per position
            e.HasIndex(a => new { a.PositionId, a.CandidateId }).IsUnique();
            e.HasIndex(a => new { a.CandidateId, a.AppliedAt });
            e.HasIndex(a => new { a.EmployerId, a.AppliedAt });
        });
    }
}
