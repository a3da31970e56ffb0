using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Data;

namespace Longgang.Talent.Messaging;

// The applicant for certification, the claimant and the candidate hear of what happens to their record: one small
// consumer per event of our own (the event leaves the outbox only after the change committed, so nobody hears of a
// change rolled back). Each event names the person concerned, and only that person is told.

/// <summary>CERTIFICATION_NOTICE_STARTED: final review approved; the public notice runs, and anyone may object.</summary>
public sealed class CertificationNoticeNotifier(TalentDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<CertificationNoticeStarted, TalentDbContext>(db, clock, text)
{
    protected override Task HandleAsync(CertificationNoticeStarted message, CancellationToken cancellationToken)
    {
        Notify(message.ApplicantId, NotificationKinds.CertificationNoticeStarted, message.CertificationId.ToString(),
            new LocalText("Your certification is in its public notice"),
            new LocalText("Your application for certification {0} (tier {1}) is in its public notice from {2} to {3}; anyone may object until then.",
                message.CertificationId, message.TierCode, message.NoticeStartsOn, message.NoticeEndsOn));
        return Task.CompletedTask;
    }
}

/// <summary>CERTIFICATION_OBJECTED (statutory): someone objected during the notice; the objector is not named.</summary>
public sealed class CertificationObjectionNotifier(TalentDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<CertificationObjected, TalentDbContext>(db, clock, text)
{
    protected override Task HandleAsync(CertificationObjected message, CancellationToken cancellationToken)
    {
        Notify(message.ApplicantId, NotificationKinds.CertificationObjected, message.CertificationId.ToString(),
            new LocalText("An objection to your certification"),
            new LocalText("An objection to your application for certification {0} was lodged during its public notice. The talent office will look into it and rule on it; you will be told the ruling.",
                message.CertificationId));
        return Task.CompletedTask;
    }
}

/// <summary>CERTIFICATION_DECIDED (statutory): certified, rejected (with the reason), or the ruling on an objection.</summary>
public sealed class CertificationDecisionNotifier(TalentDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<CertificationDecided, TalentDbContext>(db, clock, text)
{
    protected override Task HandleAsync(CertificationDecided message, CancellationToken cancellationToken)
    {
        var (subject, body) = message.Outcome switch
        {
            CertificationDecided.Certified => (new LocalText("You are certified"),
                new LocalText("Your application for certification {0} (tier {1}) was approved: you are certified.", message.CertificationId, message.TierCode)),
            CertificationDecided.ObjectionUpheld => (new LocalText("The objection to your certification was upheld"),
                new LocalText("The objection to your application for certification {0} was upheld, so you are not certified.", message.CertificationId)),
            CertificationDecided.ObjectionDismissed => (new LocalText("The objection to your certification was dismissed"),
                new LocalText("The objection to your application for certification {0} was dismissed; the certification goes on.", message.CertificationId)),
            _ => (new LocalText("Your application for certification was not approved"),
                new LocalText("Your application for certification {0} (tier {1}) was not approved.", message.CertificationId, message.TierCode)),
        };
        Notify(message.ApplicantId, NotificationKinds.CertificationDecided, message.CertificationId.ToString(), subject,
            string.IsNullOrWhiteSpace(message.Reason) ? body : new LocalText("{0} Reason: {1}", body, message.Reason));
        return Task.CompletedTask;
    }
}

/// <summary>CLAIM_APPROVED: approvals approved the claim; it may be paid until its valid-until.</summary>
public sealed class ClaimApprovedNotifier(TalentDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<EntitlementApproved, TalentDbContext>(db, clock, text)
{
    protected override Task HandleAsync(EntitlementApproved message, CancellationToken cancellationToken)
    {
        Notify(message.ApplicantId, NotificationKinds.ClaimApproved, message.ClaimId.ToString(),
            new LocalText("Your claim was approved"),
            new LocalText("Your claim {0} ({1}, {2}) of {3} yuan was approved; it is to be paid by {4}.",
                message.ClaimId, message.ProgrammeCode, message.Period, message.Amount, message.ValidUntil));
        return Task.CompletedTask;
    }
}

/// <summary>CLAIM_PAID: the talent office recorded the payment.</summary>
public sealed class ClaimPaidNotifier(TalentDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<EntitlementPaid, TalentDbContext>(db, clock, text)
{
    protected override Task HandleAsync(EntitlementPaid message, CancellationToken cancellationToken)
    {
        Notify(message.ApplicantId, NotificationKinds.ClaimPaid, message.ClaimId.ToString(),
            new LocalText("Your claim was paid"),
            new LocalText("Your claim {0} ({1}, {2}) of {3} yuan was paid on {4} (payment reference {5}).",
                message.ClaimId, message.ProgrammeCode, message.Period, message.Amount, message.PaidOn, message.Reference));
        return Task.CompletedTask;
    }
}

/// <summary>CLAIM_EXPIRING: an approved claim is still unpaid close to its valid-until (once per claim, by the expiry job).</summary>
public sealed class ClaimExpiringNotifier(TalentDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<EntitlementExpiring, TalentDbContext>(db, clock, text)
{
    protected override Task HandleAsync(EntitlementExpiring message, CancellationToken cancellationToken)
    {
        Notify(message.ApplicantId, NotificationKinds.ClaimExpiring, message.ClaimId.ToString(),
            new LocalText("Your approved claim is about to expire"),
            new LocalText("Your approved claim {0} ({1}, {2}) of {3} yuan has not been paid yet; it can be paid only until {4}, after which it expires.",
                message.ClaimId, message.ProgrammeCode, message.Period, message.Amount, message.ValidUntil));
        return Task.CompletedTask;
    }
}

/// <summary>POSITION_APPLICATION_MOVED: the employer moved the candidate's application on (or declined it).</summary>
public sealed class PositionApplicationNotifier(TalentDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<PositionApplicationMoved, TalentDbContext>(db, clock, text)
{
    protected override Task HandleAsync(PositionApplicationMoved message, CancellationToken cancellationToken)
    {
        Notify(message.ApplicantId, NotificationKinds.PositionApplicationMoved, message.PositionApplicationId.ToString(),
            new LocalText("Your job application has moved on"),
            new LocalText("Your application {0} to {1}: {2}.", message.PositionApplicationId, message.Employer, StatusOf(message.Status)));
        return Task.CompletedTask;
    }

    private static object StatusOf(string status) => status switch
    {
        "SCREENING" => new LocalText("it is being screened"),
        "INTERVIEW" => new LocalText("you are invited to an interview"),
        "OFFER" => new LocalText("you are offered the position"),
        PositionApplicationMoved.Hired => new LocalText("you are hired"),
        "DECLINED" => new LocalText("it was declined"),
        _ => status,
    };
}
