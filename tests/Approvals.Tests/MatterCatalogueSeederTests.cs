using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Tests;

/// <summary>
/// The seeded catalogue reaches an existing database too: a matter seeded after the database was made (talent's
/// certification matter HR-002, issue 18) is added once, and the matters it already has are left as they are.
/// </summary>
public sealed class MatterCatalogueSeederTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_existing_catalogue_gets_the_matters_seeded_since_and_keeps_its_own()
    {
        using var database = new SqliteTestDatabase<ApprovalsDbContext>(options => new ApprovalsDbContext(options));
        await using (var db = database.NewContext())
        {
            // a catalogue from before HR-002, whose food licence a clerk has renamed
            db.Matters.Add(new Matter
            {
                Code = "MS-001", Name = "Food business licence (renamed)", DepartmentCode = "dept-market-supervision", Kind = MatterKind.Promised,
                RequiredMaterials = ["application form"], StatutoryLimitDays = 20, PromisedLimitDays = 5, MaxVisits = 1, DefinedBy = "clerk-1",
            });
            await db.SaveChangesAsync(Ct);
        }

        for (var run = 0; run < 2; run++)
        {
            await using var db = database.NewContext();
            await new MatterCatalogueSeeder().SeedAsync(db, Ct);
        }

        await using var check = database.NewContext();
        var matters = await check.Matters.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(MatterCatalogueSeeder.Matters.Select(m => m.Code).Order(), matters.Select(m => m.Code).Order());
        Assert.Equal("Food business licence (renamed)", matters.Single(m => m.Code == "MS-001").Name);
        Assert.Equal(("Talent certification (tiers A-C)", "dept-human-resources"),
            matters.Where(m => m.Code == "HR-002").Select(m => (m.Name, m.DepartmentCode)).Single());
    }
}
