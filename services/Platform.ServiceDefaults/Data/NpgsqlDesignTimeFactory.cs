using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Longgang.Platform.Data;

/// <summary>
/// What <c>dotnet ef</c> (and the model check in CI) builds a service's context with: the PostgreSQL model, because
/// migrations are PostgreSQL's (the SQLite model differs and is created by <c>EnsureCreated</c>, see
/// <see cref="SqliteSchema"/>). No connection string: adding a migration or comparing models never connects.
/// Each service derives one sealed class, which the tools find in its assembly.
/// </summary>
public abstract class NpgsqlDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : PlatformDbContext
{
    public TContext CreateDbContext(string[] args) =>
        (TContext)Activator.CreateInstance(typeof(TContext), new DbContextOptionsBuilder<TContext>().UseNpgsql().Options)!;
}
