using Grpc.Core;
using Longgang.Approvals.Data;
using Longgang.Approvals.Documents;
using Longgang.Approvals.Grpc;
using Longgang.Approvals.Messaging;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Files;
using Longgang.Platform.Hosting;
using Longgang.Platform.Localization;
using Longgang.Platform.Privacy;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Approvals.Tests;

/// <summary>
/// The approvals service without its web host, one per test: its schema in a SQLite file of its own with the matter
/// catalogue seeded, a fake clock, and a container holding what the service's classes are built from, registered as
/// production registers them. Disposing it deletes the database.
/// </summary>
/// <remarks>
/// The fake clock is handed to the service's classes, not registered as the container's <see cref="TimeProvider"/>:
/// HybridCache would take it from there and, once a tag has been invalidated (every decision invalidates the reports'
/// tag), treat every entry with that tag as stale, so that a cached report would never be served.
/// </remarks>
public sealed class ApprovalsTestHost : IAsyncDisposable
{
    private readonly SqliteTestDatabase<ApprovalsDbContext> _database;

    private ApprovalsTestHost(SqliteTestDatabase<ApprovalsDbContext> database, FakeTimeProvider clock, ServiceProvider services)
    {
        _database = database;
        Clock = clock;
        Services = services;
    }

    /// <summary>The clock the service's classes are given; tests move it.</summary>
    public FakeTimeProvider Clock { get; }

    private string _filesFolder = "";

    /// <summary>The root container: for singletons (the cache, a test harness) and for a scope a test has to hold open itself.</summary>
    public ServiceProvider Services { get; }

    /// <param name="now">Where <see cref="Clock"/> starts.</param>
    /// <param name="configure">
    /// What a test class adds to the container, such as a message bus test harness; it gets the fake clock too, for
    /// classes the container has to build that need it.
    /// </param>
    public static async Task<ApprovalsTestHost> CreateAsync(DateTimeOffset now, Action<IServiceCollection, FakeTimeProvider>? configure = null)
    {
        var database = new SqliteTestDatabase<ApprovalsDbContext>(options => new ApprovalsDbContext(options));
        await using (var db = database.NewContext())
            await new MatterCatalogueSeeder().SeedAsync(db, CancellationToken.None);

        var clock = new FakeTimeProvider(now);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<ApprovalsDbContext>(options => options.UseSqlite(database.ConnectionString));
        // as ServiceDefaults does: gRPC messages go through the cache in protobuf form, because JSON would drop repeated
        // fields, such as the steps of a cached application that decide who may see it
        services.AddHybridCache().AddSerializerFactory(new ProtobufCacheSerializerFactory());
        services.AddSingleton(WorkingDayCalendar.Official);
        // as ApprovalsExtensions.AddApprovals does
        services.AddScoped<MatterCatalogue>();
        services.AddScoped<SlaWarningQueries>();
        services.AddScoped<ApplicationList>();
        services.AddScoped(provider => ActivatorUtilities.CreateInstance<WorkQueue>(provider, clock));
        services.AddLocalization();
        services.AddPlatformText<Platform.Localization.Resources.Messages>();
        services.AddPlatformText<Resources.Messages>();
        services.AddScoped<PerformanceReports>();
        services.AddScoped(provider => ActivatorUtilities.CreateInstance<SlaSupervision>(provider, clock));
        services.AddMetrics();
        services.AddSingleton<SlaMetrics>();
        services.AddScoped<IClockReprojector<ApprovalsDbContext>, ApplicationClockReprojector>();
        // files in a folder of the host's own, as the embedded host keeps them
        var files = Path.Combine(Path.GetTempPath(), $"approvals-files-{Guid.NewGuid():N}");
        var store = new FolderFileStore(files);
        services.AddSingleton(new FileAttachments<ApprovalsDbContext>(store, new FileIntake(store, new FileLimits(FileLimits.DefaultMaxBytes), clock)));
        // the font the images install (tests: .ci/run installs fonts-wqy-zenhei)
        services.AddSingleton(new DocumentFont(DocumentFont.DefaultPath));
        services.AddSingleton<PdfRenderer>();
        services.AddScoped(provider => ActivatorUtilities.CreateInstance<DocumentPrinter>(provider, clock));
        services.AddScoped<MyDataRequests>();
        services.AddScoped(provider => new PersonalDataReadRecorder<ApprovalsDbContext>(provider.GetRequiredService<ApprovalsDbContext>(), clock));
        configure?.Invoke(services, clock);
        return new ApprovalsTestHost(database, clock, services.BuildServiceProvider(validateScopes: true)) { _filesFolder = files };
    }

    /// <summary>
    /// The gRPC service class built from the container and the fake clock, so that a collaborator added to its
    /// constructor comes along without every test having to change.
    /// </summary>
    public ApprovalsGrpcService GrpcServiceIn(AsyncServiceScope scope) =>
        ActivatorUtilities.CreateInstance<ApprovalsGrpcService>(scope.ServiceProvider, Clock);

    /// <summary>Calls the gRPC service class as <paramref name="caller"/>, in a scope of its own as a request would be.</summary>
    public async Task<T> CallAsync<T>(Caller caller, Func<ApprovalsGrpcService, ServerCallContext, Task<T>> call)
    {
        await using var scope = Services.CreateAsyncScope();
        return await call(GrpcServiceIn(scope), new TestServerCallContext(caller));
    }

    /// <summary>
    /// Materials named online or through a grid worker are only declared: a clerk of a handling department sees each
    /// original at the counter so that they count as provided.
    /// </summary>
    public async Task ConfirmOriginalsAsync(Caller clerk, string id, IEnumerable<string> materials)
    {
        foreach (var material in materials)
            await CallAsync(clerk, (s, c) => s.ConfirmOriginal(new() { Id = id, Material = material }, c));
    }

    /// <summary>Runs <paramref name="work"/> in a fresh scope, with the scoped services a request would get.</summary>
    public async Task<T> ScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>
    /// Reads or changes the database through a fresh context, so that what it sees is what was committed, not what
    /// another context still tracks.
    /// </summary>
    public Task<T> WithDbAsync<T>(Func<ApprovalsDbContext, Task<T>> work) =>
        ScopeAsync(services => work(services.GetRequiredService<ApprovalsDbContext>()));

    /// <inheritdoc cref="WithDbAsync{T}"/>
    public async Task WithDbAsync(Func<ApprovalsDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>());
    }

    /// <summary>The host's file store and intake, in a temporary folder removed with the host.</summary>
    public FileAttachments<ApprovalsDbContext> Files => Services.GetRequiredService<FileAttachments<ApprovalsDbContext>>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Directory.Exists(_filesFolder)) Directory.Delete(_filesFolder, recursive: true);
        _database.Dispose();
    }
}
