using Longgang.Livelihood.Data;
using Longgang.Platform.Calendar;
using Longgang.Platform.Messaging;

namespace Longgang.Livelihood.Messaging;

/// <summary>Livelihood's copy of every published calendar year (see <see cref="CalendarYearConsumer{TContext}"/>).</summary>
public sealed class CalendarYearRecorder(LivelihoodDbContext db, CalendarYearApplier<LivelihoodDbContext> applier)
    : CalendarYearConsumer<LivelihoodDbContext>(db, applier);
