using Longgang.Approvals.Data;
using Longgang.Platform.Calendar;
using Longgang.Platform.Messaging;

namespace Longgang.Approvals.Messaging;

/// <summary>Approvals's copy of every published calendar year (see <see cref="CalendarYearConsumer{TContext}"/>).</summary>
public sealed class CalendarYearRecorder(ApprovalsDbContext db, CalendarYearApplier<ApprovalsDbContext> applier)
    : CalendarYearConsumer<ApprovalsDbContext>(db, applier);
