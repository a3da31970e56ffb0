using Microsoft.Extensions.Configuration;

namespace Longgang.Platform;

public static class ConfigurationExtensions
{
    /// <summary>Fails at start-up, naming the key, rather than at the first request.</summary>
    public static string GetRequiredValue(this IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            var path = configuration is IConfigurationSection section ? $"{section.Path}:{key}" : key;
            throw new InvalidOperationException($"Configuration value '{path}' is required.");
        }
        return value;
    }
}
