namespace Longgang.Platform.Api.OpenData;

/// <summary>The type of an open-data column's values, as its dictionary names it.</summary>
public static class OpenDataTypes
{
    /// <summary>Text (UTF-8); a list of codes is joined with ";".</summary>
    public const string Text = "string";
    /// <summary>A whole number.</summary>
    public const string Integer = "integer";
    /// <summary>A decimal number (rates and ratios, 0 to 1).</summary>
    public const string Number = "number";
}

/// <summary>One column of an open dataset: its name in the files (ASCII), type, unit (null where none), and meaning in both languages.</summary>
public sealed record OpenDataColumn(string Name, string Type, string? Unit, string MeaningZh, string MeaningEn);

/// <summary>
/// What a dataset is, for its data dictionary: its name in the URLs (<c>livelihood-board</c>), its title in both
/// languages, and every column of its files in their order.
/// </summary>
public sealed record OpenDataDictionary(string Name, string TitleZh, string TitleEn, IReadOnlyList<OpenDataColumn> Columns);

/// <summary>
/// A dataset published for anyone, one file per year: its dictionary and, per year, its rows (one value per column, in
/// the dictionary's order: string, long, int or double, or null for no value). Computed in the service's database;
/// the open-data endpoints cache and serve it (<see cref="OpenDataEndpoints"/>). No personal data: no person's id or
/// name goes into a row.
/// </summary>
public interface IOpenDataset
{
    OpenDataDictionary Dictionary { get; }

    Task<IReadOnlyList<object?[]>> RowsAsync(int year, CancellationToken cancellationToken);
}
