using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Livelihood.Messaging;
using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Notifications;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Longgang.Livelihood.Tests.CycleWorld;

namespace Longgang.Livelihood.Tests;

/// <summary>
/// The proposer's notifications on MassTransit's in-memory test harness and SQLite: each event, delivered twice (a
/// redelivery, with its message id), tells the citizen or deputy who proposed the project once, in Chinese, linked to
/// the project; a department's proposal tells nobody.
/// </summary>
public sealed class ProposerNotifierTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestDatabase _database = new();
    private ConsumerHarness _bus = null!;

    public async ValueTask InitializeAsync() =>
        _bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<LivelihoodDbContext>(options => options.UseSqlite(_database.ConnectionString))
                .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
                .AddSingleton(LivelihoodApi.Text),
            bus =>
            {
                bus.AddConsumer<ProposalScreenedNotifier>();
                bus.AddConsumer<ProposalVotedNotifier>();
                bus.AddConsumer<ProposalAdoptedNotifier>();
            });

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>A proposal of <paramref name="proposer"/>, stored (the adoption notifier reads its proposer).</summary>
    private async Task<Project> ProposedAsync(Caller proposer)
    {
        var project = Project.Propose(new ProjectDraft(2026, "社区四点半课堂", ProjectCategory.Education, ["district-06"], 1_200_000,
            "双职工家庭下午放学后无人看护孩子。"), proposer, null, Now);
        await using var db = _database.NewContext();
        db.Projects.Add(project);
        await db.SaveChangesAsync(Ct);
        return project;
    }

    /// <summary>Delivers the event of <paramref name="kind"/> about <paramref name="project"/> twice under one message id.</summary>
    private Task DeliverTwiceAsync(string kind, Project project)
    {
        var proposer = EnumNames.Of(project.ProposerKind);
        return kind switch
        {
            NotificationKinds.ProposalScreened => TwiceAsync(new ProposalScreened(project.Id, 2026, project.Title, proposer, project.ProposerId,
                ProposalScreened.ScreenedOut, "已列入片区年度计划", null)),
            NotificationKinds.ProposalVoted => TwiceAsync(new ProposalVoted(project.Id, 2026, project.Title, proposer, project.ProposerId,
                "BELOW_MINIMUM_SUPPORT", 14, 40, 40, Now)),
            NotificationKinds.ProposalAdopted => TwiceAsync(new ProjectAdopted(project.Id, 2026, "EDUCATION", ["district-06"], 1_200_000,
                "dept-education", Now)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private async Task TwiceAsync<TMessage>(TMessage message) where TMessage : class
    {
        var messageId = Guid.NewGuid();
        for (var i = 0; i < 2; i++)
            Assert.Empty(await _bus.DeliverAsync(message, messageId, Ct));
    }

    private async Task<List<CitizenNotificationRecord>> NotificationsAsync()
    {
        await using var db = _database.NewContext();
        return await db.Notifications.AsNoTracking().ToListAsync(Ct);
    }

    public static TheoryData<string, string, string> KindsAndProposers => new()
    {
        { NotificationKinds.ProposalScreened, PlatformRoles.Citizen, "经筛选未列入候选项目。理由：已列入片区年度计划" },
        { NotificationKinds.ProposalVoted, PlatformRoles.Deputy, "未获通过（支持人数不足），排名第 14，40 名代表支持" },
        { NotificationKinds.ProposalAdopted, PlatformRoles.Citizen, "已确定为 2026 年度民生实事项目" },
    };

    [Theory]
    [MemberData(nameof(KindsAndProposers))]
    public async Task The_event_delivered_twice_tells_the_person_who_proposed_the_project_once(string kind, string role, string saying)
    {
        var project = await ProposedAsync(new Caller("proposer-7", role, null, null));
        await ProposedAsync(new Caller("proposer-8", role, null, null)); // another proposal, whose proposer hears nothing

        await DeliverTwiceAsync(kind, project);

        var notification = Assert.Single(await NotificationsAsync());
        Assert.Equal(("proposer-7", kind, project.Id.ToString()), (notification.CitizenId, notification.Kind, notification.Reference));
        Assert.Contains("《社区四点半课堂》", notification.Body);
        Assert.Contains(saying, notification.Body);
    }

    [Theory]
    [InlineData(NotificationKinds.ProposalScreened)]
    [InlineData(NotificationKinds.ProposalVoted)]
    [InlineData(NotificationKinds.ProposalAdopted)]
    public async Task A_departments_proposal_tells_nobody(string kind)
    {
        var project = await ProposedAsync(new Caller("clerk-education", PlatformRoles.Clerk, null, "dept-education"));

        await DeliverTwiceAsync(kind, project);

        Assert.Empty(await NotificationsAsync());
    }
}
