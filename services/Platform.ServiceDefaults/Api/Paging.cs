using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.Api;

/// <summary>
/// A validated list request's page (AIP-158): the size defaulted and capped, the opaque token decoded into the offset
/// of the page and, for keyset paging, the sort key of the row before it (<see cref="After"/>, empty on the first page),
/// and the total the first page counted (<see cref="Total"/>, null on the first page).
/// </summary>
public readonly record struct PageRequest(int Offset, int Size)
{
    public IReadOnlyList<string?> After { get; init; } = [];

    public int? Total { get; init; }
}

/// <summary>One page of a list, the token of the next one ("" on the last page), and how many rows match the whole list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string NextPageToken, int TotalSize);

/// <summary>The one way every list pages: validate with <see cref="RequirePage"/>, then <see cref="ToPageAsync"/> a stably ordered query.</summary>
public static class Paging
{
    /// <summary>Checks pageSize and pageToken with the request's other fields, so all bad fields are reported at once.</summary>
    public static Validator RequirePage(this Validator validator, int pageSize, string? pageToken, out PageRequest page)
    {
        validator
            .Require(pageSize >= 0, "pageSize", "must not be negative")
            .Require(PageToken.TryDecode(pageToken, out var offset, out var after, out var total), "pageToken", "is not a token this API issued");
        page = new PageRequest(offset, pageSize <= 0 ? PageToken.DefaultPageSize : Math.Min(pageSize, PageToken.MaxPageSize))
        {
            After = after,
            Total = total,
        };
        return validator;
    }

    /// <summary>
    /// One page of <paramref name="ordered"/>, which must be ordered by a unique key last (for example
    /// <c>.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id)</c>) so pages neither repeat nor skip rows.
    /// When every key of that order is a plain column (see <see cref="Keyset{T}"/>), a page starts after the previous
    /// page's last row (keyset paging: as fast on page 500 as on page 1, and no row is skipped or repeated when rows
    /// are added or removed meanwhile); otherwise it is skipped to by offset. The total is counted for the first page
    /// only and travels in the token: a COUNT over a million rows on every page of an export was most of its cost.
    /// </summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest page, CancellationToken cancellationToken)
    {
        var keyset = Keyset<T>.Of(ordered);
        var source = page.After.Count == 0 ? null : keyset?.After(ordered, page.After);
        var rows = await (source ?? ordered.Skip(page.Offset)).Take(page.Size + 1).ToListAsync(cancellationToken);
        // the first page's count is the page itself when the whole list fits on it: no second query
        var total = page.Total ?? (page.Offset == 0 && rows.Count <= page.Size ? rows.Count : await ordered.CountAsync(cancellationToken));
        var next = rows.Count > page.Size ? PageToken.Encode(page.Offset + page.Size, keyset?.KeysOf(rows[page.Size - 1]), total) : "";
        return new Page<T>(rows.Count > page.Size ? rows[..page.Size] : rows, next, total);
    }

    /// <summary>The same for rows already in memory (small, bounded sets such as a catalogue).</summary>
    public static Page<T> ToPage<T>(this IEnumerable<T> ordered, PageRequest page)
    {
        var all = ordered as IReadOnlyCollection<T> ?? ordered.ToList();
        var rows = all.Skip(page.Offset).Take(page.Size + 1).ToList();
        var next = rows.Count > page.Size ? PageToken.Encode(page.Offset + page.Size) : "";
        return new Page<T>(rows.Count > page.Size ? rows[..page.Size] : rows, next, all.Count);
    }
}
