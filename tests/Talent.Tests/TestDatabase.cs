using Longgang.Talent.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Tests;

/// <summary>A SQLite file in its own temp folder, as the embedded default uses, so SQL and conversions run for real.</summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("talent-tests-").FullName;

    public TestDatabase()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    /// <summary>A fresh context: assertions read what was committed, not what a context still tracks.</summary>
    public TalentDbContext NewContext() =>
        new(new DbContextOptionsBuilder<TalentDbContext>().UseSqlite($"Data Source={Path.Combine(_directory, "talent.db")}").Options);

    public void Dispose()
    {
        // pooled connections keep the file open
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
