using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Longgang.Platform.Testing;

/// <summary>
/// The PostgreSQL, RabbitMQ and Redis containers every test project starts, in one place: the images named by
/// TESTCONTAINERS_*_IMAGE (the local stand-ins on a machine that reaches no registry), else the official ones. Host
/// ports are Docker's own choice, read back through GetMappedPublicPort (GetConnectionString does), so no other
/// process can take one between a guess and the bind.
/// </summary>
public static class ServerContainers
{
    public static PostgreSqlBuilder Postgres() => new(Image("TESTCONTAINERS_POSTGRES_IMAGE", "postgres:16-alpine"));

    public static RabbitMqBuilder RabbitMq() => new(Image("TESTCONTAINERS_RABBITMQ_IMAGE", "rabbitmq:3.13-management-alpine"));

    public static RedisBuilder Redis() => new(Image("TESTCONTAINERS_REDIS_IMAGE", "redis:7-alpine"));

    /// <summary>
    /// Starts a container that a test stops and starts again, on a host port that survives the restart: Docker gives a
    /// random binding a new port at every start, while the services under test keep the address they were given.
    /// <paramref name="build"/> binds the server's port to the host port it is handed. That port is one the OS reports
    /// free; should another process take it before Docker binds it, Docker refuses the start and the next one is tried.
    /// </summary>
    public static async Task<TContainer> StartOnFixedPortAsync<TContainer>(Func<int, TContainer> build) where TContainer : IContainer
    {
        for (var attempt = 1; ; attempt++)
        {
            var container = build(FreeLoopbackPort());
            try
            {
                await container.StartAsync();
                return container;
            }
            catch (Exception ex) when (attempt < 5 && PortTaken(ex))
            {
                await container.DisposeAsync();
            }
        }
    }

    private static bool PortTaken(Exception ex) =>
        ex.ToString() is var text && (text.Contains("port is already allocated", StringComparison.OrdinalIgnoreCase)
                                     || text.Contains("address already in use", StringComparison.OrdinalIgnoreCase));

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Image(string variable, string official) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image ? image : official;
}
