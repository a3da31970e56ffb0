using Longgang.Livelihood;
using Longgang.Platform.Messaging;
using Longgang.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The livelihood service as Kubernetes runs it, on its own PostgreSQL database and a real RabbitMQ, for the events it
/// consumes. Its own containers, so these tests do not depend on the shared platform fixture's state.
/// Without a Docker engine the tests skip, unless PLATFORM_REQUIRE_DOCKER=1 (CI), where they fail.
/// </summary>
public sealed class LivelihoodEventFixture : IAsyncLifetime
{
    private string? _unavailable;

    public PostgreSqlContainer Postgres { get; private set; } = null!;
    public RabbitMqContainer RabbitMq { get; private set; } = null!;
    public WebApplication Livelihood { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        try
        {
            Postgres = new PostgreSqlBuilder(PlatformFixture.Image("TESTCONTAINERS_POSTGRES_IMAGE", "postgres:16-alpine")).Build();
            RabbitMq = new RabbitMqBuilder(PlatformFixture.Image("TESTCONTAINERS_RABBITMQ_IMAGE", "rabbitmq:3.13-management-alpine"))
                .WithUsername("platform").WithPassword("platform").Build();
            await Task.WhenAll(Postgres.StartAsync(), RabbitMq.StartAsync());
        }
        catch (Exception ex)
        {
            _unavailable = ex.Message;
            return;
        }

        var jwt = new JwtSettings("longgang-tests", "longgang-api", Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Guid.NewGuid());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "Longgang.livelihood" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = jwt.Issuer,
            ["Auth:Audience"] = jwt.Audience,
            ["Auth:SigningKey"] = jwt.SigningKey,
            ["ConnectionStrings:rabbitmq"] = RabbitMq.GetConnectionString(),
            ["ConnectionStrings:livelihood"] = new Npgsql.NpgsqlConnectionStringBuilder(Postgres.GetConnectionString()) { Database = "livelihood" }.ConnectionString,
            ["Calendar:Directory"] = PlatformFixture.CalendarDirectory.Value,
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{PlatformFixture.FreeTcpPort()}",
        });
        builder.AddServiceDefaults();
        builder.AddLivelihood();
        builder.AddMessaging();
        Livelihood = builder.Build();
        Livelihood.MapServiceDefaults();
        Livelihood.MapLivelihood();
        await Livelihood.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_unavailable is not null) return;
        if (Livelihood is not null)
        {
            await Livelihood.StopAsync();
            await Livelihood.DisposeAsync();
        }
        await Task.WhenAll(Postgres.DisposeAsync().AsTask(), RabbitMq.DisposeAsync().AsTask());
    }

    /// <summary>Skips (or, in CI, fails) a test when no Docker engine answered.</summary>
    public void RequireDocker()
    {
        if (_unavailable is null) return;
        if (Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1")
            throw new InvalidOperationException($"PLATFORM_REQUIRE_DOCKER=1 but the containers could not start: {_unavailable}");
        Assert.Skip($"No Docker engine answered, so the real RabbitMQ and PostgreSQL could not start: {_unavailable}");
    }
}

[CollectionDefinition(Name)]
public sealed class LivelihoodEventCollection : ICollectionFixture<LivelihoodEventFixture>
{
    public const string Name = "livelihood on real servers";
}
