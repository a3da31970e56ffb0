using System.ComponentModel;
using Longgang.Approvals.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Longgang.Approvals.Data;

/// <summary>
/// The current version of every matter, as submissions and decisions read it: from the cache rather than a query per
/// request (issue 19). The catalogue is small and bounded (a city's matters) and changes only through
/// CreateMatter/UpdateMatter and the seeders, which call <see cref="EvictAsync"/>; whole, so that an unknown code a
/// caller makes up is answered from the same entry and fills nothing. Another replica keeps its local copy for up to
/// <see cref="LocalFor"/> after a change: an application submitted then keeps the version it was submitted under, as
/// every application does.
/// </summary>
public sealed class MatterCatalogue(ApprovalsDbContext db, HybridCache cache)
{
    public const string Tag = "approvals:matters";
    private const string Key = "approvals:matters:current";
    public static readonly TimeSpan LocalFor = TimeSpan.FromMinutes(1);
    private static readonly HybridCacheEntryOptions CacheFor = new() { Expiration = TimeSpan.FromMinutes(30), LocalCacheExpiration = LocalFor };

    /// <summary>The newest version of a matter, the one new applications are submitted under; null for no such matter.</summary>
    public async Task<Matter?> CurrentAsync(string code, CancellationToken cancellationToken) =>
        (await CatalogueAsync(cancellationToken)).Matters.GetValueOrDefault(code);

    /// <summary>The version an application was submitted under: the cached one when it is still current, else the database's.</summary>
    public async Task<Matter?> VersionAsync(string code, int version, CancellationToken cancellationToken) =>
        await CurrentAsync(code, cancellationToken) is { } current && current.Version == version
            ? current
            : await db.MatterVersionAsync(code, version, cancellationToken);

    /// <summary>The version <paramref name="application"/> was submitted under, which must exist.</summary>
    public async Task<Matter> OfAsync(Application application, CancellationToken cancellationToken) =>
        await VersionAsync(application.MatterCode, application.MatterVersion, cancellationToken)
        ?? throw new InvalidOperationException($"Matter {application.MatterCode} v{application.MatterVersion} of application {application.Id} is missing.");

    /// <summary>After a matter is defined, versioned or seeded: the next read loads the catalogue again, in every replica sharing the cache's second level.</summary>
    public static Task EvictAsync(HybridCache cache) => cache.RemoveByTagAsync(Tag, CancellationToken.None).AsTask();

    private ValueTask<CurrentMatters> CatalogueAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(Key, db, static async (db, ct) =>
        {
            var matters = await db.Matters.AsNoTracking()
                .Where(m => m.Version == db.Matters.Where(v => v.Code == m.Code).Max(v => v.Version))
                .ToListAsync(ct);
            return new CurrentMatters(matters.ToDictionary(m => m.Code, StringComparer.Ordinal));
        }, CacheFor, [Tag], cancellationToken);
}

/// <summary>
/// The cached catalogue. Immutable (a matter version never changes once defined), so that HybridCache hands out the
/// same instance on a local hit instead of deserialising a copy per request.
/// </summary>
[ImmutableObject(true)]
public sealed record CurrentMatters(IReadOnlyDictionary<string, Matter> Matters);
