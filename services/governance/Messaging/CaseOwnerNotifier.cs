using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Platform;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;

namespace Longgang.Governance.Messaging;

// The person an escalated or reassigned case lands on hears of it through the platform's notification table (the same
// outbox-backed path citizens' notifications take), recorded by a consumer of our own events: the event leaves the
// outbox only after the change committed, and the inbox (base class) records it once however often it is delivered.
// Written in Chinese, as notifications are (they have no request to take a language from).

/// <summary>Tells the owner of an escalated case that it is theirs now; nothing when the level had nobody.</summary>
public sealed class CaseOwnerNotifier(GovernanceDbContext db, OutboxSignal outboxSignal, TimeProvider clock)
    : IdempotentConsumer<CaseEscalated, GovernanceDbContext>(db, outboxSignal)
{
    public const string Subject = "事件升级待办";

    protected override Task HandleAsync(CaseEscalated message, CancellationToken cancellationToken)
    {
        if (message.OwnerId is { } owner)
        {
            Db.AddCitizenNotification(new CitizenNotification(owner, Subject,
                $"事件 {message.CaseId} 已逾期升级至{LevelName(message.Level)}，由您负责督办，办理期限 {message.DueOn:yyyy-MM-dd}。",
                NotificationKinds.CaseEscalated, message.CaseId.ToString()), clock.GetUtcNow());
        }
        return Task.CompletedTask;
    }

    internal static string LevelName(string level) => level switch
    {
        "COMMUNITY" => "社区（村）级",
        "DISTRICT" => "片区级",
        "CITY" => "市级",
        _ => level,
    };
}

/// <summary>Tells the new owner of a reassigned case that it is theirs now.</summary>
public sealed class CaseReassignmentNotifier(GovernanceDbContext db, OutboxSignal outboxSignal, TimeProvider clock)
    : IdempotentConsumer<CaseReassigned, GovernanceDbContext>(db, outboxSignal)
{
    public const string Subject = "事件改派待办";

    protected override Task HandleAsync(CaseReassigned message, CancellationToken cancellationToken)
    {
        Db.AddCitizenNotification(new CitizenNotification(message.OwnerId, Subject,
            $"{CaseOwnerNotifier.LevelName(message.Level)}事件 {message.CaseId} 已改派给您负责督办。",
            NotificationKinds.CaseReassigned, message.CaseId.ToString()), clock.GetUtcNow());
        return Task.CompletedTask;
    }
}
