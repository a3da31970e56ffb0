using Longgang.Platform.Calendar;
using Longgang.Platform.Messaging;
using Longgang.Talent.Data;

namespace Longgang.Talent.Messaging;

/// <summary>Talent's copy of every published calendar year (see <see cref="CalendarYearConsumer{TContext}"/>).</summary>
public sealed class CalendarYearRecorder(TalentDbContext db, CalendarYearApplier<TalentDbContext> applier)
    : CalendarYearConsumer<TalentDbContext>(db, applier);
