using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// CI fails when a service's model changed without a migration: the change would never reach a PostgreSQL database.
/// The fix is <c>tools/add-migration.sh &lt;Name&gt;</c> (docs/operations.md, "Upgrading").
/// </summary>
public sealed class ModelMigrationTests
{
    public static readonly TheoryData<string> Services = new(ServiceSchema.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Services))]
    public void The_model_has_no_changes_its_migrations_lack(string service)
    {
        using var db = ServiceSchema.Named(service).Factory.CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"{service}: the model changed since its last migration; run tools/add-migration.sh <Name> and commit the migration");
    }
}
