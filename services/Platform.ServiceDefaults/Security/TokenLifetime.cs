using Microsoft.IdentityModel.Tokens;

namespace Longgang.Platform.Security;

/// <summary>How the platform checks a token's lifetime, whoever signed it.</summary>
public static class TokenLifetime
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The library checks lifetimes on the system clock (its TimeProvider setting is internal); this is its check
    /// (an expiry is required, not-before and expiry each allow the skew) on the platform's clock, which
    /// Clock:Start may shift for tests and demos.
    /// </summary>
    public static LifetimeValidator On(TimeProvider clock) => (notBefore, expires, _, parameters) =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } expiry && now <= expiry + parameters.ClockSkew
            && (notBefore is not { } start || (start <= expiry && start - parameters.ClockSkew <= now));
    };
}
