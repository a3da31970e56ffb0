using Longgang.Governance.Data;
using Longgang.Platform.Calendar;
using Longgang.Platform.Messaging;

namespace Longgang.Governance.Messaging;

/// <summary>Governance's copy of every published calendar year (see <see cref="CalendarYearConsumer{TContext}"/>).</summary>
public sealed class CalendarYearRecorder(GovernanceDbContext db, CalendarYearApplier<GovernanceDbContext> applier)
    : CalendarYearConsumer<GovernanceDbContext>(db, applier);
