using Longgang.Platform.Data;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Tests;

/// <summary>
/// The switch the Kubernetes chart relies on: a migration Job runs the service image with
/// <c>Database:MigrateOnly=true</c> and expects it to prepare the database and exit; the service pods run with
/// <c>Database:Initialize=false</c> and must not touch the schema.
/// </summary>
public sealed class DatabaseInitializationTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly CountingSeeder _seeder = new();

    private WebApplication BuildService(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0"); // a real server starts, as in the image, on a free port
        builder.Configuration.AddInMemoryCollection(
            settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))
                .Append(KeyValuePair.Create("Storage:DataDirectory", (string?)_dir.Path)));
        builder.Services.AddMassTransitTestHarness(); // the outbox relay publishes through a bus
        builder.Services.AddSingleton<IDatabaseSeeder<TallyDbContext>>(_seeder);
        builder.AddServiceDatabase<TallyDbContext>("tally");
        return builder.Build();
    }

    /// <summary>Looks at the file itself: after RunAsync the application's services are disposed.</summary>
    private async Task<bool> SchemaExistsAsync()
    {
        await using var db = new TallyDbContext(new DbContextOptionsBuilder<TallyDbContext>()
            .UseSqlite(_dir.SqliteConnectionString("tally")).Options);
        var creator = db.GetService<IRelationalDatabaseCreator>();
        return await creator.ExistsAsync() && await creator.HasTablesAsync();
    }

    [Fact]
    public async Task Migrate_only_creates_the_schema_seeds_and_then_stops_by_itself()
    {
        await using var app = BuildService((DatabaseExtensions.MigrateOnlyKey, "true"));

        // Run returning at all is the point: a Job whose process never exits never completes
        await app.RunAsync().WaitAsync(Bound);

        Assert.Equal(1, _seeder.Runs);
        Assert.True(await SchemaExistsAsync());
    }

    [Fact]
    public async Task Migrate_only_fails_the_run_when_seeding_fails()
    {
        _seeder.Fail = true;
        await using var app = BuildService((DatabaseExtensions.MigrateOnlyKey, "true"));

        // unhandled in Program.cs, this ends the process with a non-zero exit code: the Job is marked failed
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.RunAsync().WaitAsync(Bound));
        Assert.Equal(CountingSeeder.FailureMessage, error.Message);
    }

    [Fact]
    public async Task Initialize_false_starts_the_service_without_touching_the_database()
    {
        await using var app = BuildService((DatabaseExtensions.InitializeKey, "false"));

        await app.StartAsync().WaitAsync(Bound);

        Assert.Equal(0, _seeder.Runs);
        Assert.False(await SchemaExistsAsync());
        await app.StopAsync().WaitAsync(Bound);
    }

    [Fact]
    public async Task By_default_a_service_initialises_its_database_and_keeps_running()
    {
        await using var app = BuildService();

        await app.StartAsync().WaitAsync(Bound);
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        Assert.Equal(1, _seeder.Runs);
        Assert.True(await SchemaExistsAsync());
        Assert.False(stopping.IsCancellationRequested);
        await app.StopAsync().WaitAsync(Bound);
    }

    public void Dispose() => _dir.Dispose();

    private sealed class CountingSeeder : IDatabaseSeeder<TallyDbContext>
    {
        public const string FailureMessage = "seed data rejected";
        public int Runs { get; private set; }
        public bool Fail { get; set; }

        public async Task SeedAsync(TallyDbContext db, CancellationToken cancellationToken)
        {
            Runs++;
            if (Fail) throw new InvalidOperationException(FailureMessage);
            if (!await db.Entries.AnyAsync(cancellationToken))
            {
                db.Entries.Add(new TallyEntry { Key = "seeded" });
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }
}
