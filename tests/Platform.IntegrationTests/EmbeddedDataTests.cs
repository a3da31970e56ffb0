using Longgang.Approvals.Data;
using Longgang.Platform.Host;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The embedded host's SQLite files are stamped with the schema version they were made at; a file from another
/// version is refused at start, naming the data folder to delete, instead of failing requests later.
/// </summary>
public sealed class EmbeddedDataTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("platform-embedded-").FullName;

    private Task<EmbeddedPlatform> StartAsync() => EmbeddedPlatform.StartAsync(new Dictionary<string, string?>
    {
        ["Storage:DataDirectory"] = _data,
        ["Embedded:HttpPort"] = "0",
        ["Embedded:GrpcPort"] = "0",
    }, TestContext.Current.CancellationToken);

    private async Task AlterApprovalsFileAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "approvals.db")};Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_new_data_folder_is_stamped_with_every_migration_and_starts_again()
    {
        await using (var platform = await StartAsync())
        {
            using var scope = platform.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        }

        await using var again = await StartAsync();
    }

    [Theory]
    [InlineData("""DROP TABLE "__EFMigrationsHistory" """)] // made before schema versions existed
    // an older version: made before the latest migration
    [InlineData("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory") """)]
    public async Task A_data_file_of_another_version_is_refused_at_start_naming_the_folder_to_delete(string makeOther)
    {
        await (await StartAsync()).DisposeAsync();
        SqliteConnection.ClearAllPools();
        await AlterApprovalsFileAsync(makeOther);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(StartAsync);

        Assert.Contains($"delete the data folder {_data}", error.Message);
        Assert.Contains("Storage:DataDirectory", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
