using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.Testing;

/// <summary>
/// A service's schema in a SQLite file of its own, as the embedded default runs it, so SQL and value
/// conversions run for real. Deleted afterwards.
/// </summary>
public class SqliteTestDatabase<TContext> : IDisposable where TContext : DbContext
{
    private readonly string _folder = Directory.CreateTempSubdirectory("platform-tests-").FullName;
    private readonly Func<DbContextOptions<TContext>, TContext> _create;

    public SqliteTestDatabase(Func<DbContextOptions<TContext>, TContext> create)
    {
        _create = create;
        // no pooling: closing a connection releases the file, so the folder can be deleted
        ConnectionString = $"Data Source={Path.Combine(_folder, "test.db")};Pooling=False";
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public string ConnectionString { get; }

    /// <summary>A fresh context: assertions read what was committed, not what a context still tracks.</summary>
    public TContext NewContext() => NewContext([]);

    /// <summary>A context that also runs <paramref name="interceptors"/> (e.g. a <see cref="CommandRecorder"/>).</summary>
    public TContext NewContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        _create(new DbContextOptionsBuilder<TContext>().UseSqlite(ConnectionString)
            .AddInterceptors(Longgang.Platform.Data.PinyinCollation.ForSqlite).AddInterceptors(interceptors).Options);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { } // a temp folder left behind is harmless
        GC.SuppressFinalize(this);
    }
}
