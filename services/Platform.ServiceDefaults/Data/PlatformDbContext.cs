using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Longgang.Platform.Data;

/// <summary>
/// Base of every service's DbContext: adds the outbox, inbox and notifications tables, so that a state change, the
/// events it causes, the citizen notifications it sends and the record of a consumed message all commit in the
/// service's own database transaction.
/// </summary>
public abstract class PlatformDbContext : DbContext
{
    protected PlatformDbContext(DbContextOptions options) : base(options)
    {
        // EF wraps a SaveChanges inside an explicit transaction in a savepoint (SAVEPOINT, then RELEASE: two more
        // statements per save) so that the caller could go on after a failed save. None of ours does: every explicit
        // transaction here is one unit of work that a failed save ends (rolled back, or refused with a 409), so the
        // savepoint protects nothing. Code that must survive a failed save inside its transaction creates its own.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<CitizenNotificationRecord> Notifications => Set<CitizenNotificationRecord>();
    /// <summary>This service's copy of each citizen's notification preferences (approvals owns them).</summary>
    public DbSet<NotificationPreferenceRecord> NotificationPreferences => Set<NotificationPreferenceRecord>();
    /// <summary>Append-only (the database refuses UPDATE and DELETE): see <see cref="Audit.AuditExtensions"/>.</summary>
    public DbSet<Audit.AuditEntry> AuditLog => Set<Audit.AuditEntry>();
    /// <summary>The official calendar years this service has been given (see <see cref="Calendar.CalendarYearRecord"/>).</summary>
    public DbSet<Calendar.CalendarYearRecord> CalendarYears => Set<Calendar.CalendarYearRecord>();
    /// <summary>Reads of citizens' personal data by others; append-only (see <see cref="Privacy.PersonalDataReads"/>).</summary>
    public DbSet<Privacy.PersonalDataRead> PersonalDataReads => Set<Privacy.PersonalDataRead>();

    /// <summary>
    /// Queues an integration event that no aggregate records (a calendar year published, for example); it is stored by
    /// the next SaveChanges and published by the relay. An aggregate's own events need no call: see <see cref="Domain.Aggregate"/>.
    /// </summary>
    public void AddIntegrationEvent<TEvent>(TEvent integrationEvent) where TEvent : class =>
        OutboxMessages.Add(OutboxMessage.From(integrationEvent, DateTimeOffset.UtcNow));

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        MovePendingEventsToOutbox();
        var audit = AddPendingAudit();
        try
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            AuditSaved(audit);
            return saved;
        }
        catch
        {
            AuditNotSaved(audit);
            throw;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        MovePendingEventsToOutbox();
        var audit = AddPendingAudit();
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditSaved(audit);
            return saved;
        }
        catch
        {
            AuditNotSaved(audit);
            throw;
        }
    }

    private Func<string?, Audit.AuditEntry>? _pendingAudit;

    /// <summary>Whether the entry handed to <see cref="AuditWithNextSave"/> has been saved (with the change it records).</summary>
    public bool AuditWritten { get; private set; }

    /// <summary>
    /// Writes the audit entry of the current request with the next successful save, in its transaction: the change and
    /// the record of it commit together, or neither does (see <see cref="Audit.AuditInterceptor{TContext}"/>).
    /// <paramref name="entryFor"/> is given the id of the one aggregate the save creates (a submission's new
    /// application), for a request that named none.
    /// </summary>
    public void AuditWithNextSave(Func<string?, Audit.AuditEntry> entryFor)
    {
        _pendingAudit = entryFor;
        AuditWritten = false;
    }

    private Audit.AuditEntry? AddPendingAudit()
    {
        if (_pendingAudit is null) return null;
        var entry = _pendingAudit(CreatedAggregateId());
        AuditLog.Add(entry);
        return entry;
    }

    private void AuditSaved(Audit.AuditEntry? entry)
    {
        if (entry is null) return;
        _pendingAudit = null;
        AuditWritten = true;
    }

    // a failed save leaves the entry to the next save, or to the interceptor's own record of the failure
    private void AuditNotSaved(Audit.AuditEntry? entry)
    {
        if (entry is not null) Entry(entry).State = EntityState.Detached;
    }

    /// <summary>The id of the single aggregate this save adds, when it has a single, client-made key (a Guid); else null.</summary>
    private string? CreatedAggregateId()
    {
        var added = ChangeTracker.Entries<Domain.Aggregate>().Where(e => e.State == EntityState.Added).Take(2).ToList();
        if (added.Count != 1 || added[0].Metadata.FindPrimaryKey() is not { Properties: [var key] }) return null;
        var property = added[0].Property(key.Name);
        return property.IsTemporary ? null : Convert.ToString(property.CurrentValue, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the next SaveChanges writes outbox rows: events queued directly, or recorded by a tracked aggregate.</summary>
    public bool HasUnsavedEvents() =>
        ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added)
        || ChangeTracker.Entries<Domain.Aggregate>().Any(e => e.Entity.PendingEvents.Count > 0);

    // The events of every tracked aggregate go into the same transaction as the aggregate's own rows.
    private void MovePendingEventsToOutbox()
    {
        foreach (var aggregate in ChangeTracker.Entries<Domain.Aggregate>().Select(e => e.Entity).ToList())
        {
            foreach (var integrationEvent in aggregate.TakePendingEvents()) AddIntegrationEvent(integrationEvent);
        }
    }

    /// <summary>
    /// Saves, turning a lost race into a 409 rather than a 500: a row changed meanwhile (its revision moved on,
    /// <paramref name="changedMeanwhile"/>, else <paramref name="conflict"/>) or a unique key someone else took first
    /// (<paramref name="conflict"/>). Nothing of the change is stored either way.
    /// </summary>
    /// <param name="conflict">English with <c>{0}</c>-style arguments (<c>new LocalText("A programme with the code {0} already exists.", code)</c>), translated for the caller.</param>
    public async Task SaveOrConflictAsync(Errors.LocalText conflict, CancellationToken cancellationToken, Errors.LocalText? changedMeanwhile = null)
    {
        try
        {
            await SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var text = changedMeanwhile ?? conflict;
            throw new Errors.ConflictException(text.Text, text.Args);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new Errors.ConflictException(conflict.Text, conflict.Args);
        }
    }

    /// <summary>
    /// Records a citizen notification; it is stored by the next SaveChanges, with the change it reports, and delivered
    /// by the service's <see cref="NotificationDispatcher{TContext}"/>.
    /// </summary>
    public void AddCitizenNotification(CitizenNotification notification, DateTimeOffset now) =>
        Notifications.Add(CitizenNotificationRecord.From(notification, now));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            e.HasIndex(m => m.MessageId).IsUnique();
            e.HasIndex(m => m.SentAt);
            e.Property(m => m.Type).HasMaxLength(400);
        });
        modelBuilder.Entity<Audit.AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.HasKey(a => a.Id);
            e.Property(a => a.Subject).HasMaxLength(64);
            e.Property(a => a.Role).HasMaxLength(32);
            e.Property(a => a.Method).HasMaxLength(200);
            e.Property(a => a.ResourceId).HasMaxLength(100);
            e.Property(a => a.Outcome).HasMaxLength(32);
            e.Property(a => a.ClientAddress).HasMaxLength(100);
            e.Property(a => a.CorrelationId).HasMaxLength(100);
            e.HasIndex(a => new { a.Subject, a.Id });
        });
        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox_messages");
            e.HasKey(m => new { m.MessageId, m.Consumer });
            e.Property(m => m.Consumer).HasMaxLength(200);
            // the retention job's "processed before", oldest first
            e.HasIndex(m => m.ProcessedAt);
        });
        modelBuilder.Entity<Calendar.CalendarYearRecord>(e =>
        {
            e.ToTable("calendar_years");
            e.HasKey(y => y.Year);
            e.Property(y => y.Year).ValueGeneratedNever();
            e.Property(y => y.Origin).HasMaxLength(8);
        });
        modelBuilder.Entity<Privacy.PersonalDataRead>(e =>
        {
            e.ToTable(Privacy.PersonalDataReads.TableName);
            e.HasKey(r => r.Id);
            e.Property(r => r.Reader).HasMaxLength(Privacy.PersonalDataRead.MaxSubjectLength);
            e.Property(r => r.ReaderRole).HasMaxLength(Privacy.PersonalDataRead.MaxRoleLength);
            e.Property(r => r.RecordType).HasMaxLength(Privacy.PersonalDataRead.MaxRecordTypeLength);
            e.Property(r => r.RecordId).HasMaxLength(Privacy.PersonalDataRead.MaxRecordIdLength);
            e.Property(r => r.CitizenId).HasMaxLength(Privacy.PersonalDataRead.MaxSubjectLength);
            e.Property(r => r.Route).HasMaxLength(Privacy.PersonalDataRead.MaxRouteLength);
            e.Property(r => r.CorrelationId).HasMaxLength(Privacy.PersonalDataRead.MaxCorrelationIdLength);
            // a citizen's reads, newest first
            e.HasIndex(r => new { r.CitizenId, r.At, r.Id });
        });
        modelBuilder.Entity<CitizenNotificationRecord>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(n => n.Id);
            e.Property(n => n.Id).ValueGeneratedNever();
            e.Property(n => n.CitizenId).HasMaxLength(CitizenNotificationRecord.MaxCitizenIdLength);
            e.Property(n => n.Subject).HasMaxLength(CitizenNotificationRecord.MaxSubjectLength);
            e.Property(n => n.Body).HasMaxLength(CitizenNotificationRecord.MaxBodyLength);
            e.Property(n => n.SubjectEn).HasMaxLength(CitizenNotificationRecord.MaxSubjectLength);
            e.Property(n => n.BodyEn).HasMaxLength(CitizenNotificationRecord.MaxBodyLength);
            e.Property(n => n.Kind).HasMaxLength(CitizenNotificationRecord.MaxKindLength);
            e.Property(n => n.Reference).HasMaxLength(CitizenNotificationRecord.MaxReferenceLength);
            e.Property(n => n.ReferenceType).HasMaxLength(CitizenNotificationRecord.MaxKindLength);
            e.Property(n => n.LastError).HasMaxLength(CitizenNotificationRecord.MaxErrorLength);
            e.Property(n => n.Receipt).HasMaxLength(CitizenNotificationRecord.MaxReceiptLength);
            // a recipient's list, newest first
            e.HasIndex(n => new { n.CitizenId, n.CreatedAt });
            // the dispatcher's "undelivered and due", and (DeliveredAt leading) the retention job's "delivered before"
            e.HasIndex(n => new { n.DeliveredAt, n.NextAttemptAt });
        });
        modelBuilder.Entity<NotificationPreferenceRecord>(e =>
        {
            e.ToTable("notification_preferences");
            e.HasKey(p => p.CitizenId);
            e.Property(p => p.CitizenId).HasMaxLength(CitizenNotificationRecord.MaxCitizenIdLength);
            e.Property(p => p.Language).HasMaxLength(NotificationPreferenceRecord.MaxLanguageLength);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // an aggregate's pending events (Domain.Aggregate.PendingEvents) go to the outbox, not to a column
        configurationBuilder.IgnoreAny<Domain.RecordedEvents>();
        // SQLite cannot order or compare DateTimeOffset stored as text; as a number it can.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Conventions.Add(_ => PinyinCollation.QuotedForSqlite);
        }
    }
}
