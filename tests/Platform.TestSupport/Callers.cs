namespace Longgang.Platform.Testing;

/// <summary>
/// Callers as the services' access rules see them, one factory per role: the only place tests build a
/// <see cref="Caller"/>. A test project names its regular cast from these (e.g. approvals' applicant "citizen-7").
/// </summary>
public static class Callers
{
    public static Caller Citizen(string subject = "citizen-1") => new(subject, PlatformRoles.Citizen, null, null);

    public static Caller Clerk(string subject = "clerk-1", string department = "dept-market-supervision") =>
        new(subject, PlatformRoles.Clerk, null, department);

    public static Caller Supervisor(string department = "dept-market-supervision", string subject = "supervisor-1") =>
        new(subject, PlatformRoles.Supervisor, null, department);

    public static Caller GridWorker(string district, string subject = "grid-worker-1") => new(subject, PlatformRoles.GridWorker, district, null);

    public static Caller DistrictAdmin(string district, string subject = "district-admin-1") => new(subject, PlatformRoles.DistrictAdmin, district, null);

    public static Caller Deputy(string subject = "deputy-1") => new(subject, PlatformRoles.Deputy, null, null);

    public static Caller CityAdmin(string subject = "city-admin-1") => new(subject, PlatformRoles.CityAdmin, null, null);

    /// <summary>An employer's account: the subject is the employer.</summary>
    public static Caller Employer(string subject) => new(subject, PlatformRoles.Employer, null, null);

    /// <summary>A caller of any role but employer; district-bound roles work in <paramref name="district"/>.</summary>
    public static Caller ByRole(string role, string district = "district-03") => role switch
    {
        PlatformRoles.Citizen => Citizen(),
        PlatformRoles.GridWorker => GridWorker(district),
        PlatformRoles.DistrictAdmin => DistrictAdmin(district),
        PlatformRoles.Clerk => Clerk(),
        PlatformRoles.Supervisor => Supervisor(),
        PlatformRoles.Deputy => Deputy(),
        PlatformRoles.CityAdmin => CityAdmin(),
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
