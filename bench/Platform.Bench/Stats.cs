namespace Longgang.Bench;

/// <summary>Percentiles and summaries of the measured samples.</summary>
public static class Stats
{
    /// <summary>Nearest-rank percentile of an ascending array (p in 0..100); NaN when empty.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"median (min-max)" of per-round figures, the format of every table in the results file.</summary>
    public static string Summary(IReadOnlyCollection<double> values, string format)
    {
        var valid = values.Where(v => !double.IsNaN(v)).ToArray();
        if (valid.Length == 0) return "n/a";
        return valid.Length == 1
            ? valid[0].ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{Median(valid).ToString(format, System.Globalization.CultureInfo.InvariantCulture)} ({valid.Min().ToString(format, System.Globalization.CultureInfo.InvariantCulture)}-{valid.Max().ToString(format, System.Globalization.CultureInfo.InvariantCulture)})");
    }

    public static string F(double value, string format) => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
