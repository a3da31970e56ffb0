using Longgang.Platform.Data;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Longgang.Platform.ContainerTests;

/// <summary>
/// PostgreSQL sorts a <c>SortsByPinyin()</c> column by pinyin: its ICU collation <c>zh-x-icu</c> exists in the image
/// (PostgreSQL built with ICU) and EF writes it into the schema. Code-point order would put 张 before 李.
/// </summary>
public sealed class PostgresPinyinTests : IAsyncLifetime
{
    private static readonly string[] Names = ["张三", "李四", "王五", "赵六"];
    private static readonly string[] PinyinOrder = ["李四", "王五", "张三", "赵六"]; // li, wang, zhang, zhao

    private readonly PostgreSqlContainer _postgres = ServerContainers.Postgres().Build();
    private string? _unavailable;

    public async ValueTask InitializeAsync()
    {
        try
        {
            await _postgres.StartAsync();
        }
        catch (Exception ex)
        {
            _unavailable = ex.Message;
        }
    }

    public async ValueTask DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task The_image_has_the_zh_x_icu_collation_and_it_sorts_by_pinyin()
    {
        RequirePostgres();
        await using var connection = new NpgsqlConnection(_postgres.GetConnectionString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        await using var exists = new NpgsqlCommand("SELECT collprovider FROM pg_collation WHERE collname = 'zh-x-icu'", connection);
        Assert.Equal('i', await exists.ExecuteScalarAsync(TestContext.Current.CancellationToken)); // i: ICU, not libc

        await using var sort = new NpgsqlCommand("SELECT n FROM unnest(@names) AS t(n) ORDER BY n COLLATE \"zh-x-icu\"", connection);
        sort.Parameters.AddWithValue("names", Names);
        var sorted = new List<string>();
        await using (var reader = await sort.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken)) sorted.Add(reader.GetString(0));
        }
        Assert.Equal(PinyinOrder, sorted);
    }

    [Fact]
    public async Task A_pinyin_column_of_a_service_model_sorts_by_pinyin()
    {
        RequirePostgres();
        var options = new DbContextOptionsBuilder<NamesContext>().UseNpgsql(_postgres.GetConnectionString()).Options;
        await using var db = new NamesContext(options);
        await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        db.People.AddRange(Names.Select(n => new Person { Name = n }));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var sorted = await db.People.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(PinyinOrder, sorted);
    }

    private void RequirePostgres()
    {
        if (_unavailable is null) return;
        if (Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1")
            throw new InvalidOperationException($"PLATFORM_REQUIRE_DOCKER=1 but PostgreSQL could not start: {_unavailable}");
        Assert.Skip($"No Docker engine answered, so PostgreSQL could not start: {_unavailable}");
    }

    private sealed class NamesContext(DbContextOptions<NamesContext> options) : DbContext(options)
    {
        public DbSet<Person> People => Set<Person>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Person>().Property(p => p.Name).SortsByPinyin();
    }

    private sealed class Person
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
    }
}
