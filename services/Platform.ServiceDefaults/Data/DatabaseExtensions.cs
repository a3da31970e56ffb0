using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Data;

/// <summary>Seeds reference data after the schema exists. Must be idempotent: it runs at every start.</summary>
public interface IDatabaseSeeder<in TContext> where TContext : PlatformDbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own database: PostgreSQL when <c>ConnectionStrings:{name}</c> is set, otherwise a SQLite file
    /// <c>{Storage:DataDirectory}/{name}.db</c> (default folder <c>data</c>). Also registers its readiness check,
    /// its schema initialiser and seeders, and its outbox relay.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string name)
        where TContext : PlatformDbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(name);
        var sqlitePath = Path.GetFullPath(Path.Combine(builder.Configuration["Storage:DataDirectory"] ?? "data", $"{name}.db"));

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddDbContext<TContext>((services, options) =>
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                options.UseSqlite($"Data Source={sqlitePath}");
            else
                options.UseNpgsql(connectionString);
            options.AddInterceptors(services.GetRequiredService<OutboxSignal>());
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>($"{name}-database", tags: [HealthTags.Ready]);
        builder.Services.AddHostedService(services =>
            new DatabaseInitializer<TContext>(services, string.IsNullOrWhiteSpace(connectionString) ? sqlitePath : null));
        builder.Services.AddHostedService(services => new OutboxRelay<TContext>(services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<MassTransit.IBus>(), services.GetRequiredService<OutboxSignal>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxRelay<TContext>>>()));
        return builder;
    }
}

/// <summary>
/// Creates the schema if the database has none, then runs the service's seeders, before the service takes
/// requests (hosted services start in order, before the server).
/// </summary>
internal sealed class DatabaseInitializer<TContext>(IServiceProvider services, string? sqlitePath) : IHostedService
    where TContext : PlatformDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (sqlitePath is not null) Directory.CreateDirectory(Path.GetDirectoryName(sqlitePath)!);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);
        if (sqlitePath is not null)
        {
            // readers do not block the writer; several services' relays and requests share the files
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
            await seeder.SeedAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
