using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Longgang.Approvals.Data;

/// <summary>
/// A handful of real-world matters so the platform is usable at once; clerks manage the catalogue later. The texts are
/// English and translated at the API (Resources/Messages.zh-CN.resx). Seeding evicts the cached catalogue
/// (<see cref="MatterCatalogue"/>) when it adds a matter; without a cache (tests) there is nothing to evict.
/// </summary>
public sealed class MatterCatalogueSeeder(HybridCache? cache = null) : IDatabaseSeeder<ApprovalsDbContext>
{
    public static IReadOnlyList<Matter> Matters { get; } =
    [
        new() { Code = "MS-001", CityTag = CityTags.VibrantInnovation, Name = "Food business licence", DepartmentCode = "dept-market-supervision", Kind = MatterKind.Promised,
            RequiredMaterials = ["application form", "business licence", "premises floor plan", "food safety officer certificate"],
            StatutoryLimitDays = 20, PromisedLimitDays = 5, MaxVisits = 1, SupervisionRequired = true,
            Conditions = "A registered business with premises and equipment suited to the food it sells, and a food safety officer.",
            Fees = "Free of charge.",
            LegalBasis = "Food Safety Law of the People's Republic of China, Article 35; Measures for the Administration of Food Business Licensing.",
            WhereToGo = AnyHall },
        new() { Code = "MS-002", CityTag = CityTags.VibrantInnovation, Name = "Individual business registration", DepartmentCode = "dept-market-supervision", Kind = MatterKind.OnTheSpot,
            RequiredMaterials = ["application form", "identity card"], StatutoryLimitDays = 15, PromisedLimitDays = 1, MaxVisits = 1,
            Conditions = "A citizen with full civil capacity who runs a business as an individual.",
            Fees = "Free of charge.",
            LegalBasis = "Regulations on Promoting the Development of Individual Industrial and Commercial Households.",
            WhereToGo = AnyHall },
        new() { Code = "HC-001", CityTag = CityTags.ModernSmart, Name = "Construction works permit", DepartmentCode = "dept-housing-construction", Kind = MatterKind.Joint,
            RequiredMaterials = ["application form", "land use certificate", "planning permit", "construction drawings review", "contractor contract"],
            StatutoryLimitDays = 45, PromisedLimitDays = 15, MaxVisits = 1,
            ParticipatingDepartments = ["dept-housing-construction", "dept-natural-resources", "dept-emergency-management"],
            Conditions = "The land use and planning permits are granted, the construction drawings have passed review and a contractor is engaged.",
            Fees = "Free of charge.",
            LegalBasis = "Construction Law of the People's Republic of China, Article 7; Measures for the Administration of Construction Permits.",
            WhereToGo = AnyHall },
        new() { Code = "HR-001", CityTag = CityTags.VibrantInnovation, Name = "Talent housing subsidy", DepartmentCode = "dept-human-resources", Kind = MatterKind.Promised,
            RequiredMaterials = ["application form", "talent certificate", "labour contract", "housing purchase contract"],
            StatutoryLimitDays = 20, PromisedLimitDays = 10, MaxVisits = 0,
            Conditions = "Certified talent working in Longgang under a labour contract who bought their first home in the city.",
            Fees = "Free of charge.",
            LegalBasis = "Longgang City's talent policy.",
            WhereToGo = Online },
        // talent opens these for its tiers A-C (DOMAIN.md flow 3) and certifies or rejects on the decision
        new() { Code = "HR-002", CityTag = CityTags.VibrantInnovation, Name = "Talent certification (tiers A-C)", DepartmentCode = "dept-human-resources", Kind = MatterKind.Promised,
            RequiredMaterials = ["application form", "identity card", "academic degree certificate", "proof of award or programme selection", "labour contract"],
            StatutoryLimitDays = 20, PromisedLimitDays = 15, MaxVisits = 0,
            Conditions = "Top, national or provincial leading talent (tiers A-C of the talent catalogue) working in Longgang or brought in by a Longgang employer.",
            Fees = "Free of charge.",
            LegalBasis = "Longgang City's talent policy.",
            WhereToGo = Online },
        new() { Code = "SA-001", CityTag = CityTags.HappyLiveable, Name = "Elderly care allowance", DepartmentCode = "dept-social-affairs", Kind = MatterKind.Promised,
            RequiredMaterials = ["application form", "identity card", "household register"],
            StatutoryLimitDays = 20, PromisedLimitDays = 7, MaxVisits = 0,
            Conditions = "Residents registered in Longgang aged 80 or over.",
            Fees = "Free of charge.",
            LegalBasis = "Law of the People's Republic of China on the Protection of the Rights and Interests of the Elderly; Zhejiang Province's elderly allowance rules.",
            WhereToGo = Online },
    ];

    private const string AnyHall = "Any district's convenience-service hall, or online.";
    private const string Online = "Online; no visit needed.";

    /// <summary>
    /// Adds the seeded matters whose code the catalogue does not have yet: a new database gets them all, an existing one
    /// the matters seeded since (a clerk's later versions of a matter are left as they are).
    /// </summary>
    public async Task SeedAsync(ApprovalsDbContext db, CancellationToken cancellationToken)
    {
        var known = await db.Matters.Select(m => m.Code).Distinct().ToListAsync(cancellationToken);
        var missing = Matters.Where(m => !known.Contains(m.Code)).ToList();
        if (missing.Count == 0) return;
        db.Matters.AddRange(missing.Select(m => new Matter
        {
            Code = m.Code, Version = m.Version, Name = m.Name, DepartmentCode = m.DepartmentCode, Kind = m.Kind,
            RequiredMaterials = [.. m.RequiredMaterials], StatutoryLimitDays = m.StatutoryLimitDays,
            PromisedLimitDays = m.PromisedLimitDays, MaxVisits = m.MaxVisits,
            ParticipatingDepartments = [.. m.ParticipatingDepartments], SupervisionRequired = m.SupervisionRequired, DefinedBy = "seed",
            Conditions = m.Conditions, Fees = m.Fees, LegalBasis = m.LegalBasis, WhereToGo = m.WhereToGo, CityTag = m.CityTag,
        }));
        await db.SaveChangesAsync(cancellationToken);
        if (cache is not null) await MatterCatalogue.EvictAsync(cache);
    }
}
