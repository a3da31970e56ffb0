using Longgang.Platform.Data;
using Longgang.Platform.Files;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.Tests;

/// <summary>A minimal service database: one tally table, plus the outbox and inbox every service gets, and files.</summary>
public sealed class TallyDbContext(DbContextOptions<TallyDbContext> options) : PlatformDbContext(options)
{
    public DbSet<TallyEntry> Entries => Set<TallyEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<TallyEntry>().HasIndex(e => e.Key).IsUnique();
        modelBuilder.AddStoredFiles();
    }
}

public sealed class TallyEntry
{
    public int Id { get; set; }
    public string Key { get; set; } = "";
}

public sealed record SomethingHappened(Guid Id, string Key);

/// <summary>A throwaway SQLite file per test.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("platform-tests-").FullName;

    public string SqliteConnectionString(string name) => $"Data Source={System.IO.Path.Combine(Path, name + ".db")};Pooling=false";

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
