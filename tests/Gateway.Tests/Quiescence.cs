using System.Globalization;
using Longgang.Approvals.Messaging;
using Longgang.Governance.Messaging;
using Longgang.Platform.Hosting;
using Longgang.Platform.Messaging;
using Longgang.Talent.Messaging;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Gateway.Tests;

/// <summary>
/// When the embedded platform has finished what earlier requests set off, observed rather than waited out. The
/// platform is quiet when every outbox row is published, every consumer of each published event has recorded it in its
/// inbox (a consumer's effect commits with its inbox row), no message is being received, and no scheduled job is
/// running. A test holds the jobs' locks (<see cref="HoldJobsAsync"/>) for as long as it compares snapshots: the jobs
/// skip their turns meanwhile, so a pass on their own schedule cannot change a table between "before" and "after".
/// </summary>
internal sealed class Quiescence : IReceiveObserver, IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>The locks of every scheduled job of the four services (ScheduledJob and its subclasses' names).</summary>
    private static readonly string[] JobLocks =
    [
        SlaSupervisor.LockName, CaseEscalator.LockName, EntitlementExpiryJob.LockName,
        .. SchemaFit.Contexts.Select(c => $"retention:{c.Context.Name}"),
    ];

    private readonly IServiceProvider _services;
    private readonly IJobLock _jobLock;
    private readonly ConnectHandle _observing;
    private readonly IReadOnlyList<Consumer> _consumers;
    private int _receiving;

    /// <summary>A consumer of the services' bus: the event it takes, the name its inbox rows carry, its service's database.</summary>
    private sealed record Consumer(string MessageType, string Name, string Service);

    public Quiescence(IServiceProvider services)
    {
        _services = services;
        _jobLock = services.GetRequiredService<IJobLock>();
        _consumers = Consumers(services);
        _observing = services.GetRequiredService<IBus>().ConnectReceiveObserver(this);
    }

    /// <summary>
    /// Holds every scheduled job's lock (waiting for a running pass to end) until disposed. Checks that the locks held
    /// are really the jobs' own: while they are held, every job of the platform skips its pass.
    /// </summary>
    public async Task<IAsyncDisposable> HoldJobsAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var held = new Held();
        foreach (var name in JobLocks)
        {
            IAsyncDisposable? handle;
            while ((handle = await _jobLock.TryAcquireAsync(name, ScheduledJob.Lease, CancellationToken.None)) is null)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the scheduled job holding {name} did not finish within 60 s");
                await Task.Delay(Poll);
            }
            held.Add(handle);
        }
        return held;
    }

    /// <summary>Every scheduled job of the platform skips its pass while <see cref="HoldJobsAsync"/>'s locks are held.</summary>
    public async Task<int> JobsThatRanWhileHeldAsync()
    {
        await using var _ = await HoldJobsAsync();
        var jobs = _services.GetServices<IHostedService>().OfType<ScheduledJob>().ToList();
        Assert.True(jobs.Count >= JobLocks.Length, $"the platform runs {jobs.Count} scheduled jobs, fewer than the {JobLocks.Length} locks held");
        var ran = 0;
        foreach (var job in jobs)
            if (await job.TryRunPassAsync(CancellationToken.None)) ran++;
        return ran;
    }

    /// <summary>The consumers found on the services' bus, for a check that there are any.</summary>
    public int ConsumerCount => _consumers.Count;

    /// <summary>How many consumers take <paramref name="message"/>: each records it in its service's inbox.</summary>
    public int ConsumersOf(Type message) => _consumers.Count(c => c.MessageType == $"{message.FullName}, {message.Assembly.GetName().Name}");

    /// <summary>Waits until the platform is quiet (see the class), then returns a snapshot of every table.</summary>
    public async Task<DatabaseSnapshot> SnapshotAsync(string directory, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var pending = Pending(directory);
            if (pending.Count == 0)
            {
                var snapshot = DatabaseSnapshot.Take(directory);
                // still quiet after the read: nothing was under way while it read
                pending = Pending(directory);
                if (pending.Count == 0) return snapshot;
            }
            Assert.True(DateTime.UtcNow < deadline, "the platform did not settle: " + string.Join("; ", pending.Take(10)));
            await Task.Delay(Poll);
        }
    }

    /// <summary>What is still under way: unpublished outbox rows, published events a consumer has not recorded, receives.</summary>
    private List<string> Pending(string directory)
    {
        var pending = new List<string>();
        var receiving = Volatile.Read(ref _receiving);
        if (receiving > 0) pending.Add($"{receiving} messages being received");
        var outbox = new List<(string Service, string MessageId, string Type, bool Sent)>();
        var inbox = new HashSet<(string Service, string MessageId, string Consumer)>();
        foreach (var service in DatabaseSnapshot.Services)
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, service + ".db")};Mode=ReadOnly;Pooling=False;Default Timeout=30");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """SELECT "MessageId", "Type", "SentAt" IS NOT NULL FROM "outbox_messages" """;
            using (var reader = command.ExecuteReader())
                while (reader.Read()) outbox.Add((service, Normal(reader.GetValue(0)), reader.GetString(1), reader.GetBoolean(2)));
            command.CommandText = """SELECT "MessageId", "Consumer" FROM "inbox_messages" """;
            using (var reader = command.ExecuteReader())
                while (reader.Read()) inbox.Add((service, Normal(reader.GetValue(0)), reader.GetString(1)));
        }
        pending.AddRange(outbox.Where(m => !m.Sent).Select(m => $"{m.Service} outbox {m.Type} {m.MessageId} unpublished"));
        pending.AddRange(
            from message in outbox
            where message.Sent
            from consumer in _consumers
            where consumer.MessageType == message.Type && !inbox.Contains((consumer.Service, message.MessageId, consumer.Name))
            select $"{consumer.Service}'s {consumer.Name} has not recorded {message.Type} {message.MessageId}");
        return pending;
    }

    private static string Normal(object id) => (id is byte[] bytes ? new Guid(bytes).ToString() : Convert.ToString(id, CultureInfo.InvariantCulture)!)
        .ToUpperInvariant();

    /// <summary>
    /// Every <see cref="IdempotentConsumer{TMessage,TContext}"/> registered in the services' container (MassTransit
    /// registers each consumer it runs), with the message type as the outbox writes it and its service's database.
    /// </summary>
    private static IReadOnlyList<Consumer> Consumers(IServiceProvider services)
    {
        var registered = services.GetRequiredService<IServiceProviderIsService>();
        var candidates = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Longgang.", StringComparison.Ordinal) == true)
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.IsGenericTypeDefinition ? SchemaFit.Contexts.Select(c => Close(t, c.Context)).OfType<Type>() : [t]);
        var consumers = new List<Consumer>();
        foreach (var type in candidates.Where(registered.IsService))
        {
            for (var parent = type.BaseType; parent is not null; parent = parent.BaseType)
            {
                if (!parent.IsGenericType || parent.GetGenericTypeDefinition() != typeof(IdempotentConsumer<,>)) continue;
                var (message, context) = (parent.GetGenericArguments()[0], parent.GetGenericArguments()[1]);
                consumers.Add(new Consumer($"{message.FullName}, {message.Assembly.GetName().Name}", type.Name,
                    SchemaFit.Contexts.Single(c => c.Context == context).Service));
            }
        }
        return consumers;
    }

    private static Type? Close(Type definition, Type context)
    {
        if (definition.GetGenericArguments().Length != 1) return null;
        try { return definition.MakeGenericType(context); }
        catch (ArgumentException) { return null; } // its constraint does not take a DbContext
    }

    public Task PreReceive(ReceiveContext context)
    {
        Interlocked.Increment(ref _receiving);
        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context)
    {
        Interlocked.Decrement(ref _receiving);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        Interlocked.Decrement(ref _receiving);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class =>
        Task.CompletedTask;

    public void Dispose() => _observing.Disconnect();

    private sealed class Held : List<IAsyncDisposable>, IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var handle in this) await handle.DisposeAsync();
        }
    }
}
