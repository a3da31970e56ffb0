namespace Longgang.Approvals.Domain;

public enum MatterKind
{
    OnTheSpot = 1, // 即办件: decided at the counter
    Promised = 2,  // 承诺件: decided within the promised limit
    Joint = 3,     // 联办件: several departments in parallel
}

/// <summary>A matter (事项) of the catalogue, at one version: an application keeps the version it was submitted under.</summary>
public sealed class Matter
{
    public string Code { get; init; } = "";
    public int Version { get; init; } = 1;
    public string Name { get; init; } = "";
    public string DepartmentCode { get; init; } = "";
    public MatterKind Kind { get; init; }
    public List<string> RequiredMaterials { get; init; } = [];
    /// <summary>Working days allowed by law.</summary>
    public int StatutoryLimitDays { get; init; }
    /// <summary>Working days the city promises; never above the statutory limit.</summary>
    public int PromisedLimitDays { get; init; }
    public int MaxVisits { get; init; } = 1;

    public IReadOnlyList<string> MissingFrom(IEnumerable<string> provided)
    {
        var given = provided.Select(m => m.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return RequiredMaterials.Where(m => !given.Contains(m)).ToList();
    }
}
