using Longgang.Livelihood;
using Longgang.Platform.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The livelihood service as Kubernetes runs it, on its own PostgreSQL database and a real RabbitMQ, for the events it
/// consumes. Its own servers, so these tests do not depend on the shared platform fixture's state.
/// </summary>
public sealed class LivelihoodEventFixture : RealServers, IAsyncLifetime
{
    public WebApplication Livelihood { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!await StartServersAsync(RestartedServers.None)) return;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = HostEnvironment, ApplicationName = "Longgang.livelihood" });
        builder.Configuration.AddInMemoryCollection(Shared(LivelihoodExtensions.DatabaseName));
        ListenOnEphemeralPorts(builder);
        builder.AddServiceDefaults();
        builder.AddLivelihood();
        builder.AddMessaging();
        Livelihood = builder.Build();
        Livelihood.MapServiceDefaults();
        Livelihood.MapLivelihood();
        await StartAndWaitUntilConsumingAsync(Livelihood);
    }

    public async ValueTask DisposeAsync()
    {
        if (Livelihood is not null)
        {
            await Livelihood.StopAsync();
            await Livelihood.DisposeAsync();
        }
        await DisposeServersAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LivelihoodEventCollection : ICollectionFixture<LivelihoodEventFixture>
{
    public const string Name = "livelihood on real servers";
}
