using Longgang.Platform.Api;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore;
using Testcontainers.PostgreSql;

namespace Longgang.Platform.Tests;

public sealed class PagedRow
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public DateOnly Day { get; set; }
    public string Name { get; set; } = "";
    public int? Rank { get; set; }
}

/// <summary>The services' DbContext base, so SQLite maps DateTimeOffset the way the embedded host does.</summary>
public sealed class PagingDbContext(DbContextOptions<PagingDbContext> options) : PlatformDbContext(options)
{
    public DbSet<PagedRow> Rows => Set<PagedRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<PagedRow>().Property(r => r.Id).ValueGeneratedNever();
    }
}

/// <summary>A PostgreSQL server for the assembly's tests that need the production database's SQL.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgreSqlContainer? _container;
    private string? _unavailable;

    public string ConnectionString(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(_container!.GetConnectionString()) { Database = database }.ConnectionString;

    /// <summary>Skips the test without a Docker engine, unless PLATFORM_REQUIRE_DOCKER=1 (CI), where it fails.</summary>
    public void RequireDocker()
    {
        if (_unavailable is null) return;
        if (Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1")
            throw new InvalidOperationException($"PLATFORM_REQUIRE_DOCKER=1 but PostgreSQL could not start: {_unavailable}");
        Assert.Skip($"No Docker engine answered, so PostgreSQL could not start: {_unavailable}");
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            _container = ServerContainers.Postgres().Build();
            await _container.StartAsync();
        }
        catch (Exception ex)
        {
            _unavailable = ex.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }
}

/// <summary>
/// Keyset paging behind the unchanged list API (RequirePage + ToPageAsync), on both databases the services run on:
/// the embedded SQLite (DateTimeOffset stored as a number) and PostgreSQL.
/// </summary>
public sealed class KeysetPagingTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const int PageSize = 7;
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestDatabase<PagingDbContext> _sqlite = new(options => new PagingDbContext(options));
    private string? _postgresConnection;

    public static TheoryData<string> Databases => new("sqlite", "postgres");

    public void Dispose() => _sqlite.Dispose();

    private PagingDbContext NewContext(string database, CommandRecorder? recorder = null)
    {
        if (database == "sqlite") return recorder is null ? _sqlite.NewContext() : _sqlite.NewContext(recorder);
        postgres.RequireDocker();
        if (_postgresConnection is null)
        {
            _postgresConnection = postgres.ConnectionString($"paging_{Guid.NewGuid():N}");
            using var created = new PagingDbContext(new DbContextOptionsBuilder<PagingDbContext>().UseNpgsql(_postgresConnection).Options);
            created.Database.EnsureCreated();
        }
        var options = new DbContextOptionsBuilder<PagingDbContext>().UseNpgsql(_postgresConnection);
        if (recorder is not null) options.AddInterceptors(recorder);
        return new PagingDbContext(options.Options);
    }

    /// <summary>40 rows whose first sort keys repeat (every fourth minute, day and name), so the unique key decides ties.</summary>
    private async Task SeedAsync(string database)
    {
        await using var db = NewContext(database);
        string[] names = ["张三", "李四", "王五", "Zhao", "alpha"];
        for (var i = 0; i < 40; i++)
        {
            db.Rows.Add(new PagedRow
            {
                Id = Guid.NewGuid(), At = Start.AddMinutes(i / 4), Day = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(i / 6),
                Name = names[i % names.Length], Rank = i % 3 == 0 ? null : i % 5,
            });
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static readonly Dictionary<string, Func<IQueryable<PagedRow>, IQueryable<PagedRow>>> Orders = new()
    {
        ["instant desc, id desc"] = q => q.OrderByDescending(r => r.At).ThenByDescending(r => r.Id),
        ["name, day desc, id"] = q => q.OrderBy(r => r.Name).ThenByDescending(r => r.Day).ThenBy(r => r.Id),
        ["day, instant, id desc"] = q => q.OrderBy(r => r.Day).ThenBy(r => r.At).ThenByDescending(r => r.Id),
    };

    public static TheoryData<string, string> DatabasesAndOrders =>
        new(from database in new[] { "sqlite", "postgres" } from order in Orders.Keys select (database, order));

    /// <summary>Every page through the tokens, as a client follows nextPageToken; also returns the tokens.</summary>
    private async Task<(List<Guid> Ids, List<string> Tokens, int Total)> ReadAllAsync(string database, Func<IQueryable<PagedRow>, IQueryable<PagedRow>> order,
        CommandRecorder? recorder = null)
    {
        var ids = new List<Guid>();
        var tokens = new List<string>();
        var token = "";
        var total = -1;
        do
        {
            new Validator().RequirePage(PageSize, token, out var page).ThrowIfInvalid();
            await using var db = NewContext(database, recorder);
            var result = await order(db.Rows.AsNoTracking()).ToPageAsync(page, TestContext.Current.CancellationToken);
            ids.AddRange(result.Items.Select(r => r.Id));
            total = result.TotalSize;
            token = result.NextPageToken;
            if (token != "") tokens.Add(token);
        } while (token != "");
        return (ids, tokens, total);
    }

    [Theory]
    [MemberData(nameof(DatabasesAndOrders))]
    public async Task Pages_follow_the_order_by_the_last_rows_keys(string database, string order)
    {
        await SeedAsync(database);
        await using var db = NewContext(database);
        var expected = await Orders[order](db.Rows.AsNoTracking()).Select(r => r.Id).ToListAsync(TestContext.Current.CancellationToken);

        var (ids, tokens, total) = await ReadAllAsync(database, Orders[order]);

        Assert.Equal(expected, ids);
        Assert.Equal(40, total);
        Assert.Equal(5, tokens.Count);
        // every token carries the sort key of its page's last row: keyset, not offset
        Assert.All(tokens, t => Assert.True(PageToken.TryDecode(t, out _, out var after) && after.Count == order.Split(',').Length, t));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_row_added_before_the_page_boundary_does_not_repeat_a_row(string database)
    {
        await SeedAsync(database);
        var order = Orders["instant desc, id desc"];
        new Validator().RequirePage(PageSize, "", out var first).ThrowIfInvalid();
        Page<PagedRow> page1;
        await using (var db = NewContext(database))
            page1 = await order(db.Rows.AsNoTracking()).ToPageAsync(first, TestContext.Current.CancellationToken);

        // a newer row arrives while the client reads page 1: by offset, page 2 would start with page 1's last row again
        await using (var db = NewContext(database))
        {
            db.Rows.Add(new PagedRow { Id = Guid.NewGuid(), At = Start.AddDays(1), Day = new DateOnly(2027, 3, 2), Name = "新" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        new Validator().RequirePage(PageSize, page1.NextPageToken, out var second).ThrowIfInvalid();
        await using var reader = NewContext(database);
        var page2 = await order(reader.Rows.AsNoTracking()).ToPageAsync(second, TestContext.Current.CancellationToken);

        Assert.Empty(page1.Items.Select(r => r.Id).Intersect(page2.Items.Select(r => r.Id)));
        // the total is the one the first page counted: the token carries it, so that later pages count nothing
        Assert.Equal(40, page2.TotalSize);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Later_pages_neither_count_the_list_again_nor_skip_rows_by_offset(string database)
    {
        await SeedAsync(database);
        var recorder = new CommandRecorder();

        var (ids, _, total) = await ReadAllAsync(database, Orders["instant desc, id desc"], recorder);

        Assert.Equal((40, 40), (ids.Count, total));
        // six pages: the first counts the list once; the five after it start after the last row's keys, and at a
        // million rows neither a COUNT nor an OFFSET on every page would be flat (bench/README.md, "Volume")
        Assert.Equal(7, recorder.Commands.Count);
        Assert.Single(recorder.Commands, c => c.Contains("COUNT(", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(recorder.Commands.Skip(2), c => c.Contains("OFFSET", StringComparison.OrdinalIgnoreCase));
        // and each starts from a range on the order's first column, which an index can seek to (not "a < x OR ..." alone)
        Assert.All(recorder.Commands.Skip(2), c => Assert.Contains("<=", c, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_nullable_key_pages_by_offset(string database)
    {
        await SeedAsync(database);
        // the databases sort NULLs at opposite ends: such a key is not compared, the token holds only the offset
        Func<IQueryable<PagedRow>, IQueryable<PagedRow>> order = q => q.OrderBy(r => r.Rank).ThenBy(r => r.Id);
        await using var db = NewContext(database);
        var expected = await order(db.Rows.AsNoTracking()).Select(r => r.Id).ToListAsync(TestContext.Current.CancellationToken);

        var (ids, tokens, _) = await ReadAllAsync(database, order);

        Assert.Equal(expected, ids);
        Assert.All(tokens, t => Assert.True(PageToken.TryDecode(t, out _, out var after) && after.Count == 0, t));
    }

    [Fact]
    public void A_token_not_issued_here_is_refused()
    {
        var errors = new Validator().RequirePage(10, "bm90LWEtdG9rZW4", out _);
        Assert.Throws<ValidationFailedException>(errors.ThrowIfInvalid);
    }
}
