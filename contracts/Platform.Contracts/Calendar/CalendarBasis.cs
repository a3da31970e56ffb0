namespace Longgang.Platform.Calendar;

/// <summary>Where a year's days off come from.</summary>
public enum CalendarBasis
{
    /// <summary>The State Council General Office's notice for the year (holidays and make-up workdays, 调休).</summary>
    Official = 1,

    /// <summary>
    /// Derived from the statutory holidays of 《全国年节及纪念日放假办法》 alone, without make-up workdays: the
    /// notice will move days around, so a deadline counted on this basis may change once the year is published.
    /// </summary>
    Provisional = 2,
}

/// <summary>A holiday block: every day from <see cref="First"/> to <see cref="Last"/> is off.</summary>
public sealed record HolidayBlock(string Name, DateOnly First, DateOnly Last);

/// <summary>A Saturday or Sunday that is a working day (调休) to make up for the holiday it names.</summary>
public sealed record MakeUpWorkday(DateOnly Date, string For);
