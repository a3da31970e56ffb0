using Longgang.Governance.Domain;
using Longgang.Governance.Indicators;
using Longgang.Platform.Data;
using Longgang.Platform.Files;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Data;

public sealed class GovernanceDbContext(DbContextOptions<GovernanceDbContext> options) : PlatformDbContext(options)
{
    public DbSet<District> Districts => Set<District>();
    public DbSet<Community> Communities => Set<Community>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<Case> Cases => Set<Case>();
    /// <summary>Case photos (the stored_files table of every service with files).</summary>
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Secondment> Secondments => Set<Secondment>();
    public DbSet<DepartmentHeadcount> DepartmentHeadcounts => Set<DepartmentHeadcount>();
    public DbSet<DeliberationMeeting> DeliberationMeetings => Set<DeliberationMeeting>();
    public DbSet<MediationCase> Mediations => Set<MediationCase>();
    public DbSet<ServiceHallSubmission> ServiceHallSubmissions => Set<ServiceHallSubmission>();
    public DbSet<EarlyDecision> EarlyDecisions => Set<EarlyDecision>();
    public DbSet<ComplexRoom> Rooms => Set<ComplexRoom>();
    public DbSet<ResidentOrganisation> ResidentOrganisations => Set<ResidentOrganisation>();
    public DbSet<RoomBooking> RoomBookings => Set<RoomBooking>();
    public DbSet<ConsultationMeeting> Consultations => Set<ConsultationMeeting>();
    public DbSet<CaseHotspot> Hotspots => Set<CaseHotspot>();
    public DbSet<Dashboards.DashboardFactRow> DashboardFacts => Set<Dashboards.DashboardFactRow>();
    public DbSet<Dashboards.DashboardCounter> DashboardCounters => Set<Dashboards.DashboardCounter>();
    public DbSet<Dashboards.DashboardSource> DashboardSources => Set<Dashboards.DashboardSource>();
    public DbSet<Dashboards.DashboardReplay> DashboardReplays => Set<Dashboards.DashboardReplay>();
    public DbSet<StatisticsGrant> StatisticsGrants => Set<StatisticsGrant>();
    public DbSet<CityIndicatorActual> CityIndicatorActuals => Set<CityIndicatorActual>();

    /// <summary>A district with its communities and their grids, or null.</summary>
    public Task<District?> DistrictWithCommunitiesAsync(string code, CancellationToken cancellationToken) =>
        Districts.AsNoTracking().AsSplitQuery()
            .Include(d => d.Communities).ThenInclude(c => c.Grids)
            .FirstOrDefaultAsync(d => d.Code == code, cancellationToken);

    /// <summary>The booking a meeting or mediation names, or null when it names none or one that does not exist.</summary>
    public async Task<RoomBooking?> BookingAsync(Guid? id, CancellationToken cancellationToken) =>
        id is { } bookingId ? await RoomBookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken) : null;

    public Task<int> ServiceHallSubmissionCountAsync(string districtCode, CancellationToken cancellationToken) =>
        ServiceHallSubmissions.CountAsync(s => s.DistrictCode == districtCode, cancellationToken);

    public async Task<ServiceHallTally> ServiceHallTallyAsync(string districtCode, CancellationToken cancellationToken)
    {
        var rows = ServiceHallSubmissions.Where(s => s.DistrictCode == districtCode);
        return new ServiceHallTally(
            await rows.CountAsync(cancellationToken),
            await rows.CountAsync(s => s.DecidedAt != null, cancellationToken),
            await rows.CountAsync(s => s.Outcome == "APPROVED", cancellationToken));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new StatisticsGrantModel());
        modelBuilder.ApplyConfiguration(new CityIndicatorActualModel());
        modelBuilder.Entity<District>(e =>
        {
            e.ToTable("districts");
            e.HasKey(d => d.Code);
            e.Property(d => d.Code).HasMaxLength(32);
            e.Property(d => d.Name).HasMaxLength(100);
            e.HasMany(d => d.Communities).WithOne().HasForeignKey(c => c.DistrictCode);
        });
        modelBuilder.Entity<Community>(e =>
        {
            e.ToTable("communities");
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(32);
            e.Property(c => c.DistrictCode).HasMaxLength(32);
            e.Property(c => c.Name).HasMaxLength(100);
            e.HasMany(c => c.Grids).WithOne().HasForeignKey(g => g.CommunityCode);
        });
        modelBuilder.Entity<Grid>(e =>
        {
            e.ToTable("grids");
            e.HasKey(g => g.Code);
            e.Property(g => g.Code).HasMaxLength(32);
            e.Property(g => g.CommunityCode).HasMaxLength(32);
            e.Property(g => g.DistrictCode).HasMaxLength(32);
            e.Property(g => g.Name).HasMaxLength(100);
        });
        modelBuilder.AddStoredFiles();
        modelBuilder.Entity<Case>(e =>
        {
            e.ToTable("cases");
            e.HasKey(c => c.Id);
            e.Property(c => c.DistrictCode).HasMaxLength(32);
            e.Property(c => c.CommunityCode).HasMaxLength(32);
            e.Property(c => c.GridCode).HasMaxLength(32);
            e.Property(c => c.Category).HasMaxLength(Case.MaxCategoryLength);
            e.Property(c => c.Description).HasMaxLength(Case.MaxDescriptionLength);
            e.Property(c => c.ReporterId).HasMaxLength(64);
            e.Property(c => c.StatusNote).HasMaxLength(Case.MaxReasonLength);
            e.Property(c => c.AssigneeCode).HasMaxLength(64);
            e.Property(c => c.HandlerId).HasMaxLength(64);
            e.Property(c => c.VerifierId).HasMaxLength(64);
            e.Property(c => c.VerifiedBy).HasMaxLength(64);
            e.Property(c => c.OwnerId).HasMaxLength(64);
            e.Property(c => c.EvaluationComment).HasMaxLength(Case.MaxReasonLength);
            // two people moving the same case at once: the second save fails (409) instead of overwriting the first
            e.Property(c => c.Revision).IsConcurrencyToken();
            e.PrimitiveCollection(c => c.PhotoRefs).HasField("_photoRefs");
            e.OwnsMany(c => c.History, h =>
            {
                h.ToTable("case_history");
                h.WithOwner().HasForeignKey("CaseId");
                h.HasKey("CaseId", nameof(CaseHistoryEntry.Sequence));
                h.Property(x => x.Sequence).ValueGeneratedNever();
                h.Property(x => x.Actor).HasMaxLength(64);
                h.Property(x => x.Note).HasMaxLength(Case.MaxReasonLength);
                h.Property(x => x.AssigneeCode).HasMaxLength(64);
                h.Property(x => x.OwnerId).HasMaxLength(64);
            });
            e.HasIndex(c => new { c.DistrictCode, c.ReportedAt });
            // the list's own order, newest first: its first page and every keyset page read this index instead of sorting
            // every case (bench/README.md, "Volume")
            e.HasIndex(c => new { c.ReportedAt, c.Id });
            e.HasIndex(c => new { c.GridCode, c.ReportedAt });
            e.HasIndex(c => new { c.AssigneeCode, c.ReportedAt });
            e.HasIndex(c => c.ReporterId);
            e.HasIndex(c => new { c.VerifierId, c.Status });
            e.HasIndex(c => new { c.OwnerId, c.Status });
            // the case list's filters that narrow the most: category, source and escalation level, newest first
            e.HasIndex(c => new { c.Category, c.ReportedAt });
            e.HasIndex(c => new { c.Source, c.ReportedAt });
            e.HasIndex(c => new { c.EscalationLevel, c.ReportedAt });
            // the escalation job reads the open cases by due day
            e.HasIndex(c => new { c.Status, c.DueOn });
            // flow 1: approvals' events find the case that waits for their application
            e.HasIndex(c => c.WaitingForApplicationId);
            // one follow-up per approvals application, however often its decision arrives
            e.HasIndex(c => c.FollowUpOfApplicationId).IsUnique();
        });
        modelBuilder.Entity<LegacyGridTeamMember>(e =>
        {
            e.ToTable("grid_team_members");
            e.HasKey(m => new { m.GridCode, m.PersonId });
            e.Property(m => m.PersonId).HasMaxLength(64);
            e.Property(m => m.Name).HasMaxLength(100).SortsByPinyin();
            e.Property(m => m.GridCode).HasMaxLength(32);
            e.Property(m => m.DistrictCode).HasMaxLength(32);
            e.Property(m => m.HomeDepartmentCode).HasMaxLength(64);
            e.Property(m => m.ModuleCode).HasMaxLength(64);
            e.HasIndex(m => m.PersonId);
            e.HasIndex(m => new { m.DistrictCode, m.Name });
        });
        modelBuilder.Entity<Post>(e =>
        {
            e.ToTable("posts");
            e.HasKey(p => p.Id);
            e.Property(p => p.PersonId).HasMaxLength(64);
            // people look holders up by the pinyin of their names
            e.Property(p => p.Name).HasMaxLength(Post.MaxNameLength).SortsByPinyin();
            e.Property(p => p.DistrictCode).HasMaxLength(32);
            e.Property(p => p.GridCode).HasMaxLength(32);
            e.Property(p => p.CommunityCode).HasMaxLength(32);
            e.Property(p => p.ModuleCode).HasMaxLength(64);
            e.HasIndex(p => p.PersonId);
            e.HasIndex(p => new { p.DistrictCode, p.Name });
            e.HasIndex(p => new { p.GridCode, p.PersonId });
            e.HasIndex(p => p.SecondmentId);
        });
        modelBuilder.Entity<Secondment>(e =>
        {
            e.ToTable("secondments");
            e.HasKey(s => s.Id);
            e.Property(s => s.PersonId).HasMaxLength(64);
            e.Property(s => s.Name).HasMaxLength(Post.MaxNameLength);
            e.Property(s => s.HomeDepartmentCode).HasMaxLength(64);
            e.Property(s => s.DistrictCode).HasMaxLength(32);
            e.Property(s => s.ModuleCode).HasMaxLength(64);
            e.HasIndex(s => s.PersonId);
            e.HasIndex(s => new { s.HomeDepartmentCode, s.From });
        });
        modelBuilder.Entity<DepartmentHeadcount>(e =>
        {
            e.ToTable("department_headcounts");
            e.HasKey(d => d.DepartmentCode);
            e.Property(d => d.DepartmentCode).HasMaxLength(64);
            e.Property(d => d.UpdatedBy).HasMaxLength(64);
        });
        modelBuilder.Entity<DeliberationMeeting>(e =>
        {
            e.ToTable("deliberation_meetings");
            e.HasKey(m => m.Id);
            e.Property(m => m.DistrictCode).HasMaxLength(32);
            e.Property(m => m.Title).HasMaxLength(DeliberationMeeting.MaxTitleLength);
            e.Property(m => m.Minutes).HasMaxLength(DeliberationMeeting.MaxMinutesLength);
            e.Property(m => m.ScheduledBy).HasMaxLength(64);
            e.Property(m => m.Revision).IsConcurrencyToken();
            e.PrimitiveCollection(m => m.Agenda).HasField("_agenda");
            e.PrimitiveCollection(m => m.Attendees).HasField("_attendees");
            e.OwnsMany(m => m.Resolutions, r =>
            {
                r.ToTable("meeting_resolutions");
                r.WithOwner().HasForeignKey("MeetingId");
                r.HasKey(x => x.Id);
                r.Property(x => x.Id).ValueGeneratedNever();
                r.Property(x => x.Text).HasMaxLength(DeliberationMeeting.MaxItemLength);
                r.Property(x => x.ProposalTitle).HasMaxLength(DeliberationMeeting.MaxTitleLength);
                r.Property(x => x.Category).HasMaxLength(32);
                r.Property(x => x.Rationale).HasMaxLength(DeliberationMeeting.MaxItemLength);
            });
            e.HasIndex(m => new { m.DistrictCode, m.HeldOn });
            e.HasIndex(m => m.BookingId).IsUnique();
        });
        modelBuilder.Entity<MediationCase>(e =>
        {
            e.ToTable("mediations");
            e.HasKey(m => m.Id);
            e.Property(m => m.DistrictCode).HasMaxLength(32);
            e.Property(m => m.Facts).HasMaxLength(MediationCase.MaxTextLength);
            e.Property(m => m.MediatorId).HasMaxLength(64);
            e.Property(m => m.OpenedBy).HasMaxLength(64);
            e.Property(m => m.AgreementTerms).HasMaxLength(MediationCase.MaxTextLength);
            e.Property(m => m.Note).HasMaxLength(MediationCase.MaxTextLength);
            e.Property(m => m.FollowUpNote).HasMaxLength(MediationCase.MaxTextLength);
            e.Property(m => m.Revision).IsConcurrencyToken();
            e.PrimitiveCollection(m => m.Parties).HasField("_parties");
            e.HasIndex(m => new { m.DistrictCode, m.OpenedAt });
            e.HasIndex(m => new { m.MediatorId, m.OpenedAt });
            e.HasIndex(m => m.BookingId).IsUnique();
        });
        modelBuilder.Entity<ServiceHallSubmission>(e =>
        {
            e.ToTable("service_hall_submissions");
            e.HasKey(s => s.ApplicationId);
            e.Property(s => s.DistrictCode).HasMaxLength(32);
            e.Property(s => s.Outcome).HasMaxLength(16);
            e.HasIndex(s => s.DistrictCode);
        });
        modelBuilder.Entity<EarlyDecision>(e =>
        {
            e.ToTable("early_decisions");
            e.HasKey(d => d.ApplicationId);
            e.Property(d => d.Outcome).HasMaxLength(16);
        });
        ServiceComplexModel(modelBuilder);
        Dashboards.DashboardModel.AddDashboards(modelBuilder);
    }

    /// <summary>The district service complex (rooms, organisations, bookings, consultations) and case hotspots.</summary>
    private static void ServiceComplexModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ComplexRoom>(e =>
        {
            e.ToTable("complex_rooms");
            e.HasKey(r => r.Id);
            e.Property(r => r.DistrictCode).HasMaxLength(32);
            e.Property(r => r.Name).HasMaxLength(ComplexRoom.MaxNameLength);
            e.Property(r => r.Location).HasMaxLength(ComplexRoom.MaxNameLength);
            e.Ignore(r => r.IsBookable);
            e.HasIndex(r => new { r.DistrictCode, r.Kind });
        });
        modelBuilder.Entity<ResidentOrganisation>(e =>
        {
            e.ToTable("resident_organisations");
            e.HasKey(o => o.Id);
            e.Property(o => o.DistrictCode).HasMaxLength(32);
            e.Property(o => o.Name).HasMaxLength(ResidentOrganisation.MaxNameLength);
            e.Property(o => o.Contact).HasMaxLength(ResidentOrganisation.MaxNameLength);
            e.HasIndex(o => new { o.DistrictCode, o.Kind });
        });
        modelBuilder.Entity<RoomBooking>(e =>
        {
            e.ToTable("room_bookings");
            e.HasKey(b => b.Id);
            e.Property(b => b.DistrictCode).HasMaxLength(32);
            e.Property(b => b.Purpose).HasMaxLength(RoomBooking.MaxPurposeLength);
            e.Property(b => b.BookedBy).HasMaxLength(64);
            e.Ignore(b => b.IsCancelled);
            e.HasOne<ComplexRoom>().WithMany().HasForeignKey(b => b.RoomId);
            // the clash check reads a room's bookings by start
            e.HasIndex(b => new { b.RoomId, b.StartsAt });
            e.HasIndex(b => new { b.DistrictCode, b.StartsAt });
        });
        modelBuilder.Entity<ConsultationMeeting>(e =>
        {
            e.ToTable("consultations");
            e.HasKey(c => c.Id);
            e.Property(c => c.DistrictCode).HasMaxLength(32);
            e.Property(c => c.Title).HasMaxLength(ConsultationMeeting.MaxTitleLength);
            e.Property(c => c.Month).HasMaxLength(7);
            e.Property(c => c.ScheduledBy).HasMaxLength(64);
            e.Property(c => c.Revision).IsConcurrencyToken();
            e.PrimitiveCollection(c => c.Conclusions).HasField("_conclusions");
            e.OwnsMany(c => c.Reviewed, r =>
            {
                r.ToTable("consultation_review_lines");
                r.WithOwner().HasForeignKey("ConsultationId");
                r.Property<int>("Id");
                r.HasKey("Id");
                r.Property(x => x.GridCode).HasMaxLength(32);
                r.Property(x => x.Category).HasMaxLength(Case.MaxCategoryLength);
            });
            e.Navigation(c => c.Reviewed).HasField("_reviewed");
            // one consultation per district and month
            e.HasIndex(c => new { c.DistrictCode, c.Month }).IsUnique();
        });
        modelBuilder.Entity<CaseHotspot>(e =>
        {
            e.ToTable("case_hotspots");
            e.HasKey(h => h.Id);
            e.Property(h => h.DistrictCode).HasMaxLength(32);
            e.Property(h => h.GridCode).HasMaxLength(32);
            e.Property(h => h.Category).HasMaxLength(Case.MaxCategoryLength);
            // two detectors counting the same cases at once: the second insert fails, its retry finds the first's hotspot
            e.HasIndex(h => h.FirstCaseId).IsUnique();
            e.HasIndex(h => new { h.GridCode, h.Category, h.WindowStartsAt });
            e.HasIndex(h => new { h.DistrictCode, h.DetectedAt });
            e.HasIndex(h => h.MeetingId);
        });
    }
}
