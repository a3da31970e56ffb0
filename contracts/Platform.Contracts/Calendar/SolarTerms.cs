namespace Longgang.Platform.Calendar;

/// <summary>
/// The instant the sun reaches an apparent ecliptic longitude, after Jean Meeus, "Astronomical Algorithms" (2nd ed.),
/// ch. 25 (low-precision solar coordinates, with nutation and aberration) and ch. 10 (ΔT). The low-precision theory
/// is good to about 0.01°, i.e. about a quarter of an hour of the sun's motion: only a term falling within that much
/// of midnight in China could land on the wrong date. For 清明 in 1902..2100 that is 1910 (computed 00:16 CST),
/// 1943 (00:04), 1976 (23:45) and 2071 (00:04); a notice for such a year settles it, and until then it is provisional.
/// </summary>
internal static class SolarTerms
{
    private const double J2000 = 2451545.0;
    private static readonly DateTime J2000Utc = new(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The China Standard Time date of 清明: the sun's apparent longitude reaching 15°.</summary>
    public static DateOnly Qingming(int year) =>
        DateOnly.FromDateTime(InstantOfLongitude(15, new DateTime(year, 4, 5, 0, 0, 0, DateTimeKind.Utc)) + WorkingDayCalendar.ChinaStandardTimeOffset);

    /// <summary>The UTC instant nearest <paramref name="guess"/> at which the apparent longitude is <paramref name="degrees"/>.</summary>
    public static DateTime InstantOfLongitude(double degrees, DateTime guess)
    {
        // Iterate in dynamical time (the theory's time scale), as Meeus does for the equinoxes (ch. 27): the sun moves
        // about 1° a day, so a step of 58 days per radian of remaining arc converges in a handful of rounds.
        var jde = J2000 + (guess - J2000Utc).TotalDays;
        for (var round = 0; round < 20; round++)
        {
            var step = 58.0 * Math.Sin(Radians(degrees - ApparentLongitude(jde)));
            jde += step;
            if (Math.Abs(step) < 1e-6)
                break;
        }
        var jd = jde - DeltaTSeconds(guess.Year + (guess.Month - 0.5) / 12) / 86400;
        return J2000Utc.AddDays(jd - J2000);
    }

    /// <summary>The sun's apparent longitude in degrees at Julian Ephemeris Day <paramref name="jde"/> (Meeus 25.2–25.8).</summary>
    internal static double ApparentLongitude(double jde)
    {
        var t = (jde - J2000) / 36525;
        var meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
        var meanAnomaly = Radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
        var center = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.Sin(meanAnomaly)
            + (0.019993 - 0.000101 * t) * Math.Sin(2 * meanAnomaly)
            + 0.000289 * Math.Sin(3 * meanAnomaly);
        var node = Radians(125.04 - 1934.136 * t);
        return meanLongitude + center - 0.00569 - 0.00478 * Math.Sin(node);
    }

    /// <summary>
    /// TT − UT in seconds: the Espenak–Meeus polynomials (NASA Five Millennium Canon) for 1900–2150. Ignoring it
    /// would move a term by about a minute today and several after 2050.
    /// </summary>
    internal static double DeltaTSeconds(double year)
    {
        double t;
        switch (year)
        {
            case < 1920:
                t = year - 1900;
                return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * t * t * t * t;
            case < 1941:
                t = year - 1920;
                return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
            case < 1961:
                t = year - 1950;
                return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
            case < 1986:
                t = year - 1975;
                return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
            case < 2005:
                t = year - 2000;
                return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t
                    + 0.00002373599 * t * t * t * t * t;
            case < 2050:
                t = year - 2000;
                return 62.92 + 0.32217 * t + 0.005589 * t * t;
            default:
                var u = (year - 1820) / 100;
                return -20 + 32 * u * u - 0.5628 * (2150 - year);
        }
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
