namespace Longgang.Platform;

/// <summary>
/// Who is calling, as the services' domain rules see it: taken from the validated token,
/// free of any framework type so that access rules can be unit-tested.
/// </summary>
public sealed record Caller(string Subject, string Role, string? DistrictCode, string? DepartmentCode)
{
    public bool IsCityAdmin => Role == PlatformRoles.CityAdmin;
    public bool Is(string role) => Role == role;
    public bool WorksIn(string? districtCode) => DistrictCode is not null && DistrictCode == districtCode;
    public bool BelongsTo(string? departmentCode) => DepartmentCode is not null && DepartmentCode == departmentCode;
}
