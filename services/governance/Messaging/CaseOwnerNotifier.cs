using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using System.Globalization;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;

namespace Longgang.Governance.Messaging;

// The person an escalated or reassigned case lands on hears of it through the platform's notification table (the same
// outbox-backed path citizens' notifications take), recorded by a consumer of our own events: the event leaves the
// outbox only after the change committed, and the inbox (base class) records it once however often it is delivered.
// Recorded in Chinese and English (NotificationConsumer), like every notification.

/// <summary>Tells the owner of an escalated case that it is theirs now; nothing when the level had nobody.</summary>
public sealed class CaseOwnerNotifier(GovernanceDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<CaseEscalated, GovernanceDbContext>(db, clock, text)
{
    public const string Subject = "Escalated case to follow up";

    protected override Task HandleAsync(CaseEscalated message, CancellationToken cancellationToken)
    {
        if (message.OwnerId is { } owner)
        {
            Notify(owner, NotificationKinds.CaseEscalated, message.CaseId.ToString(), Subject,
                new LocalText("Case {0} is overdue and has been escalated to the {1}; you follow it up. Due on {2}.",
                    message.CaseId, LevelName(message.Level), message.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        return Task.CompletedTask;
    }

    internal static LocalText LevelName(string level) => new(level switch
    {
        "COMMUNITY" => "community level",
        "DISTRICT" => "district level",
        "CITY" => "city level",
        _ => level,
    });
}

/// <summary>Tells the new owner of a reassigned case that it is theirs now.</summary>
public sealed class CaseReassignmentNotifier(GovernanceDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<CaseReassigned, GovernanceDbContext>(db, clock, text)
{
    public const string Subject = "Reassigned case to follow up";

    protected override Task HandleAsync(CaseReassigned message, CancellationToken cancellationToken)
    {
        Notify(message.OwnerId, NotificationKinds.CaseReassigned, message.CaseId.ToString(), Subject,
            new LocalText("Case {0} at the {1} has been reassigned to you to follow up.", message.CaseId, CaseOwnerNotifier.LevelName(message.Level)));
        return Task.CompletedTask;
    }
}
