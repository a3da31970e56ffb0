using Longgang.Approvals.Domain;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Data;

/// <summary>A handful of real-world matters so the platform is usable at once; clerks manage the catalogue later.</summary>
public sealed class MatterCatalogueSeeder : IDatabaseSeeder<ApprovalsDbContext>
{
    public static IReadOnlyList<Matter> Matters { get; } =
    [
        new() { Code = "MS-001", Name = "Food business licence", DepartmentCode = "dept-market-supervision", Kind = MatterKind.Promised,
            RequiredMaterials = ["application form", "business licence", "premises floor plan", "food safety officer certificate"],
            StatutoryLimitDays = 20, PromisedLimitDays = 5, MaxVisits = 1, SupervisionRequired = true },
        new() { Code = "MS-002", Name = "Individual business registration", DepartmentCode = "dept-market-supervision", Kind = MatterKind.OnTheSpot,
            RequiredMaterials = ["application form", "identity card"], StatutoryLimitDays = 15, PromisedLimitDays = 1, MaxVisits = 1 },
        new() { Code = "HC-001", Name = "Construction works permit", DepartmentCode = "dept-housing-construction", Kind = MatterKind.Joint,
            RequiredMaterials = ["application form", "land use certificate", "planning permit", "construction drawings review", "contractor contract"],
            StatutoryLimitDays = 45, PromisedLimitDays = 15, MaxVisits = 1,
            ParticipatingDepartments = ["dept-housing-construction", "dept-natural-resources", "dept-emergency-management"] },
        new() { Code = "HR-001", Name = "Talent housing subsidy", DepartmentCode = "dept-human-resources", Kind = MatterKind.Promised,
            RequiredMaterials = ["application form", "talent certificate", "labour contract", "housing purchase contract"],
            StatutoryLimitDays = 20, PromisedLimitDays = 10, MaxVisits = 0 },
        new() { Code = "SA-001", Name = "Elderly care allowance", DepartmentCode = "dept-social-affairs", Kind = MatterKind.Promised,
            RequiredMaterials = ["application form", "identity card", "household register"],
            StatutoryLimitDays = 20, PromisedLimitDays = 7, MaxVisits = 0 },
    ];

    public async Task SeedAsync(ApprovalsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Matters.AnyAsync(cancellationToken)) return;
        db.Matters.AddRange(Matters.Select(m => new Matter
        {
            Code = m.Code, Version = m.Version, Name = m.Name, DepartmentCode = m.DepartmentCode, Kind = m.Kind,
            RequiredMaterials = [.. m.RequiredMaterials], StatutoryLimitDays = m.StatutoryLimitDays,
            PromisedLimitDays = m.PromisedLimitDays, MaxVisits = m.MaxVisits,
            ParticipatingDepartments = [.. m.ParticipatingDepartments], SupervisionRequired = m.SupervisionRequired, DefinedBy = "seed",
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
