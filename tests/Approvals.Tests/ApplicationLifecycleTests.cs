using System.Globalization;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using static Longgang.Approvals.Tests.Callers;
using static Longgang.Approvals.Tests.Departments;

namespace Longgang.Approvals.Tests;

/// <summary>
/// Every transition of the application state machine and every refusal, on the domain alone (no database):
/// who may (403), what input (400), from which state (409), and what each transition leaves behind — due
/// dates on the official working-day calendar, clock-ledger lines and integration events.
/// </summary>
public sealed class ApplicationLifecycleTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    /// <summary>MS-001, promised 5 / statutory 20 working days, four required materials, led by market supervision.</summary>
    private static readonly Matter FoodLicence = MatterCatalogueSeeder.Matters.Single(m => m.Code == "MS-001");
    /// <summary>HC-001, joint: housing (lead), natural resources, emergency management; promised 15 / statutory 45.</summary>
    private static readonly Matter ConstructionPermit = MatterCatalogueSeeder.Matters.Single(m => m.Code == "HC-001");

    private static readonly Caller MarketClerk = Clerk(Market);
    private static readonly Caller MarketSupervisor = new("sup-market", PlatformRoles.Supervisor, null, Market);
    private static readonly Caller FinanceClerk = Clerk("dept-finance");

    /// <summary>A Monday without holidays nearby (2026-03-02, 09:00 China Standard Time).</summary>
    private static readonly DateTimeOffset Monday = At(2026, 3, 2);

    private static DateTimeOffset At(int year, int month, int day, int hour = 9) =>
        new(year, month, day, hour, 0, 0, WorkingDayCalendar.ChinaStandardTimeOffset);

    private static Application Submit(Matter matter, Caller? by = null, Channel channel = Channel.ServiceHall,
        DateTimeOffset? at = null, IReadOnlyList<string>? materials = null)
    {
        by ??= Citizen;
        var draft = new SubmissionDraft(matter.Code, by.Is(PlatformRoles.Citizen) ? null : "citizen-7", "Wang Fang", channel,
            channel == Channel.Online ? null : "district-03", materials ?? matter.RequiredMaterials);
        return Application.Submit(matter, draft, by, at ?? Monday);
    }

    /// <summary>Materials named online or through a grid worker are declared only: a clerk sees the originals before accepting.</summary>
    private static void ConfirmOriginals(Application application, Matter matter, Caller clerk)
    {
        foreach (var material in application.MissingMaterials.ToList()) application.ConfirmOriginal(material, matter, clerk, Monday);
    }

    [Fact]
    public void Materials_named_online_are_declared_until_a_file_is_attached_or_a_clerk_sees_the_original()
    {
        var application = Submit(FoodLicence, Citizen, Channel.Online);
        Assert.Equal(FoodLicence.RequiredMaterials, application.MissingMaterials);
        Assert.Throws<ConflictException>(() => application.Accept(FoodLicence, MarketClerk, Monday, Calendar));

        var first = FoodLicence.RequiredMaterials[0];
        var fileId = Guid.NewGuid();
        Assert.Equal(first, application.AttachFile("  " + first + " ", fileId, FoodLicence, Citizen, Monday));
        foreach (var material in FoodLicence.RequiredMaterials.Skip(1)) application.ConfirmOriginal(material, FoodLicence, MarketClerk, Monday);

        Assert.Empty(application.MissingMaterials);
        Assert.Equal((MaterialEvidence.File, fileId, "citizen-7"), (application.ProvidedMaterials[0].Evidence, application.ProvidedMaterials[0].FileId, application.ProvidedMaterials[0].ProvidedBy));
        Assert.All(application.ProvidedMaterials.Skip(1), p => Assert.Equal((MaterialEvidence.OriginalSeen, MarketClerk.Subject), (p.Evidence, p.ProvidedBy)));
        application.Accept(FoodLicence, MarketClerk, Monday, Calendar);
        Assert.Equal(ApplicationStatus.InReview, application.Status);
    }

    [Fact]
    public void Materials_handed_in_at_a_service_hall_count_as_originals_seen_at_the_counter()
    {
        var application = Submit(FoodLicence);

        Assert.Empty(application.MissingMaterials);
        Assert.All(application.ProvidedMaterials, p => Assert.Equal(MaterialEvidence.OriginalSeen, p.Evidence));
    }

    [Fact]
    public void Only_a_handling_clerk_confirms_an_original_once_and_only_of_a_material_of_the_application()
    {
        var application = Submit(FoodLicence, Citizen, Channel.Online);
        var material = FoodLicence.RequiredMaterials[0];

        Assert.Throws<ForbiddenException>(() => application.ConfirmOriginal(material, FoodLicence, Citizen, Monday));
        Assert.Throws<ForbiddenException>(() => application.ConfirmOriginal(material, FoodLicence, Clerk("dept-social-affairs"), Monday));
        Assert.Equal(["material"], Assert.Throws<ValidationFailedException>(() => application.ConfirmOriginal("a bus ticket", FoodLicence, MarketClerk, Monday)).FieldErrors.Keys);
        application.ConfirmOriginal(material, FoodLicence, MarketClerk, Monday);
        Assert.Throws<ConflictException>(() => application.ConfirmOriginal(material, FoodLicence, MarketClerk, Monday));
        Assert.Throws<ForbiddenException>(() => application.AttachFile(material, Guid.NewGuid(), FoodLicence, new Caller("citizen-8", PlatformRoles.Citizen, null, null), Monday));
    }

    private static Application InReview(Matter matter, DateTimeOffset? at = null, Caller? submittedBy = null)
    {
        var application = Submit(matter, submittedBy, at: at);
        application.Accept(matter, Clerk(matter.DepartmentCode), at ?? Monday, Calendar);
        return application;
    }

    /// <summary>The food licence brought to <paramref name="status"/> by the shortest legal path, all on <see cref="Monday"/>.</summary>
    private static Application FoodLicenceIn(ApplicationStatus status)
    {
        switch (status)
        {
            case ApplicationStatus.Submitted:
                return Submit(FoodLicence);
            case ApplicationStatus.CorrectionRequested:
                var incomplete = Submit(FoodLicence, materials: ["application form"]);
                incomplete.RequestCorrection([], null, MarketClerk, Monday, Calendar);
                return incomplete;
            case ApplicationStatus.NotAccepted:
                var refused = Submit(FoodLicence);
                refused.RejectAcceptance("not a food business", MarketClerk, Monday);
                return refused;
            case ApplicationStatus.InReview:
                return InReview(FoodLicence);
            case ApplicationStatus.Suspended:
                var suspended = InReview(FoodLicence);
                suspended.Suspend(SuspensionKind.Inspection, "site inspection", MarketClerk, Monday);
                return suspended;
            case ApplicationStatus.Approved or ApplicationStatus.Rejected or ApplicationStatus.Issued:
                var decided = InReview(FoodLicence);
                var approve = status != ApplicationStatus.Rejected;
                decided.DecideStep(null, approve ? Decision.Approve : Decision.Reject, approve ? null : "kitchen fails hygiene rules",
                    MarketClerk, Monday, Calendar);
                if (status == ApplicationStatus.Issued) decided.IssueCertificate(MarketClerk, Monday);
                return decided;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }
    }

    private static T SingleEvent<T>(Application application) => Assert.Single(application.PendingEvents.OfType<T>());

    // ---- submit ----------------------------------------------------------------------------------

    [Fact]
    public void Submitting_records_the_application_a_ledger_line_and_an_ApplicationSubmitted_event()
    {
        var application = Submit(FoodLicence, materials: ["application form", "business licence"]);

        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(1, application.MatterVersion);
        Assert.Equal(["premises floor plan", "food safety officer certificate"], application.MissingMaterials);
        Assert.Equal(1, application.Visits);
        var line = Assert.Single(application.Ledger);
        Assert.Equal((1, LedgerAction.Submitted, "citizen-7", PlatformRoles.Citizen), (line.Sequence, line.Action, line.Actor, line.ActorRole));
        var submitted = SingleEvent<ApplicationSubmitted>(application);
        // the list compares by reference in the record's equality: checked on its own
        Assert.Equal(new ApplicationSubmitted(application.Id, "MS-001", Market, "citizen-7", "SERVICE_HALL", "district-03", Monday, SubmittedBy: "citizen-7",
            CityTag: CityTags.VibrantInnovation), submitted with { MissingMaterials = null });
        Assert.Equal(["premises floor plan", "food safety officer certificate"], submitted.MissingMaterials);
    }

    [Fact]
    public void A_grid_worker_submits_for_a_citizen_and_is_recorded_as_the_submitter()
    {
        var application = Submit(FoodLicence, GridWorker, Channel.GridWorker);

        Assert.Equal("citizen-7", application.ApplicantId);
        Assert.Equal("gw-1", application.SubmittedBy);
        Assert.Equal(0, application.Visits);
        Assert.Equal("GRID_WORKER", SingleEvent<ApplicationSubmitted>(application).Channel);
    }

    // ---- request a correction ----------------------------------------------------------------------

    [Fact]
    public void A_correction_notice_without_a_list_asks_for_every_missing_material_at_once()
    {
        var application = Submit(FoodLicence, materials: ["application form"]);

        application.RequestCorrection([], null, MarketClerk, Monday.AddHours(1), Calendar);

        Assert.Equal(ApplicationStatus.CorrectionRequested, application.Status);
        string[] missing = ["business licence", "premises floor plan", "food safety officer certificate"];
        Assert.Equal(missing, application.RequestedCorrections);
        Assert.Equal(string.Join("; ", missing), application.Ledger[^1].Reason);
        var notice = SingleEvent<CorrectionRequested>(application);
        Assert.Equal(missing, notice.MissingMaterials);
        Assert.Equal((application.Id, "MS-001", Market, "citizen-7", "citizen-7", "district-03", Monday.AddHours(1)),
            (notice.ApplicationId, notice.MatterCode, notice.DepartmentCode, notice.ApplicantId, notice.SubmittedBy, notice.DistrictCode, notice.RequestedAt));
    }

    [Fact]
    public void A_correction_notice_may_name_the_materials_itself_and_goes_back_to_the_grid_worker_who_submitted()
    {
        var application = Submit(FoodLicence, GridWorker, Channel.GridWorker);
        // the grid worker brought the originals of all but the plan to the counter
        foreach (var material in FoodLicence.RequiredMaterials.Where(m => m != "premises floor plan"))
            application.ConfirmOriginal(material, FoodLicence, MarketClerk, Monday);

        application.RequestCorrection([" premises floor plan ", "premises floor plan"], "the plan is unreadable", MarketClerk, Monday, Calendar);

        Assert.Equal(["premises floor plan"], application.RequestedCorrections);
        Assert.Equal("the plan is unreadable", application.Ledger[^1].Reason);
        Assert.Equal("gw-1", SingleEvent<CorrectionRequested>(application).SubmittedBy);
    }

    [Fact]
    public void A_correction_notice_that_leaves_a_missing_material_out_is_refused()
    {
        var application = Submit(FoodLicence, materials: ["application form", "business licence"]);

        var error = Assert.Throws<ValidationFailedException>(() =>
            application.RequestCorrection(["premises floor plan"], null, MarketClerk, Monday, Calendar));

        Assert.Contains("food safety officer certificate", error.FieldErrors["materials"]);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        // naming every missing material, and more besides, is one complete notice
        application.RequestCorrection(["premises floor plan", "food safety officer certificate", "lease of the premises"], null, MarketClerk, Monday, Calendar);
        Assert.Equal(ApplicationStatus.CorrectionRequested, application.Status);
    }

    [Fact]
    public void A_second_notice_may_not_ask_again_for_what_the_first_one_listed()
    {
        var application = Submit(FoodLicence, materials: ["application form", "business licence"]);
        application.RequestCorrection([], null, MarketClerk, Monday, Calendar);
        application.Resubmit(["premises floor plan"], FoodLicence, Citizen, Monday.AddHours(2));

        // the certificate was already missing at the first notice: telling the applicant again breaks 一次性告知
        var refused = Assert.Throws<ConflictException>(() =>
            application.RequestCorrection(["food safety officer certificate"], null, MarketClerk, Monday.AddHours(3), Calendar));
        Assert.Contains("food safety officer certificate", refused.Message);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);

        // something the first notice could not have named (the plan handed in is unreadable) may still be asked for
        var complete = Submit(FoodLicence, materials: ["application form", "business licence"]);
        complete.RequestCorrection([], null, MarketClerk, Monday, Calendar);
        complete.Resubmit(["premises floor plan", "food safety officer certificate"], FoodLicence, Citizen, Monday.AddHours(2));
        complete.RequestCorrection(["readable premises floor plan"], null, MarketClerk, Monday.AddHours(3), Calendar);
        Assert.Equal(["readable premises floor plan"], complete.RequestedCorrections);
        Assert.Equal(["premises floor plan", "food safety officer certificate"], complete.FirstNoticeMaterials);
    }

    [Fact]
    public void A_visit_to_the_hall_beyond_the_matters_limit_warns_the_supervisor()
    {
        var application = Submit(FoodLicence, materials: ["application form"]); // MS-001 allows one visit
        Assert.Empty(application.PendingEvents.OfType<VisitLimitExceeded>());
        application.RequestCorrection([], null, MarketClerk, Monday, Calendar);

        application.Resubmit(["business licence", "premises floor plan", "food safety officer certificate"], FoodLicence, Citizen, Monday.AddHours(2));

        var warning = SingleEvent<VisitLimitExceeded>(application);
        Assert.Equal((application.Id, Market, "district-03", 2, 1), (warning.ApplicationId, warning.DepartmentCode, warning.DistrictCode, warning.Visits, warning.MaxVisits));
        var online = Submit(FoodLicence, channel: Channel.Online, materials: ["application form"]);
        online.RequestCorrection([], null, MarketClerk, Monday, Calendar);
        online.Resubmit(["business licence", "premises floor plan", "food safety officer certificate"], FoodLicence, Citizen, Monday.AddHours(2));
        Assert.Empty(online.PendingEvents.OfType<VisitLimitExceeded>());
    }

    [Fact]
    public void A_correction_notice_with_nothing_missing_and_nothing_named_is_refused()
    {
        var application = Submit(FoodLicence);

        var error = Assert.Throws<ValidationFailedException>(() => application.RequestCorrection([], null, MarketClerk, Monday, Calendar));

        Assert.Equal(["materials"], error.FieldErrors.Keys);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
    }

    [Theory]
    [InlineData(ApplicationStatus.CorrectionRequested)]
    [InlineData(ApplicationStatus.NotAccepted)]
    [InlineData(ApplicationStatus.InReview)]
    [InlineData(ApplicationStatus.Approved)]
    public void A_correction_can_only_be_requested_while_submitted(ApplicationStatus status)
    {
        var application = FoodLicenceIn(status);

        Assert.Throws<ConflictException>(() => application.RequestCorrection(["business licence"], null, MarketClerk, Monday, Calendar));
        Assert.Equal(status, application.Status);
    }

    [Fact]
    public void A_correction_notice_is_refused_after_five_working_days_because_the_application_then_counts_as_accepted()
    {
        var onTheFifthDay = Submit(FoodLicence, materials: ["application form"]);
        var onTheSixthDay = Submit(FoodLicence, materials: ["application form"]);

        onTheFifthDay.RequestCorrection([], null, MarketClerk, At(2026, 3, 9), Calendar);
        Assert.Throws<ConflictException>(() => onTheSixthDay.RequestCorrection([], null, MarketClerk, At(2026, 3, 10), Calendar));

        Assert.Equal(ApplicationStatus.CorrectionRequested, onTheFifthDay.Status);
        Assert.Equal(ApplicationStatus.Submitted, onTheSixthDay.Status);
    }

    [Fact]
    public void The_correction_window_counts_working_days_so_the_national_day_week_does_not_close_it()
    {
        // received Wednesday 30 September; 1-7 October are holidays, so 9 October is only the second working day
        var application = Submit(FoodLicence, at: At(2026, 9, 30), materials: ["application form"]);

        application.RequestCorrection([], null, MarketClerk, At(2026, 10, 9), Calendar);

        Assert.Equal(ApplicationStatus.CorrectionRequested, application.Status);
    }

    public static TheoryData<string, string, string?, string?> NotTheLeadClerk => new()
    {
        { PlatformRoles.Supervisor, "sup-market", null, Market },
        { PlatformRoles.Clerk, "clerk-finance", null, "dept-finance" },
        { PlatformRoles.Citizen, "citizen-7", null, null },
        { PlatformRoles.CityAdmin, "admin-1", null, null },
        { PlatformRoles.DistrictAdmin, "da-3", "district-03", null },
    };

    [Theory]
    [MemberData(nameof(NotTheLeadClerk))]
    public void Only_a_clerk_of_the_lead_department_requests_a_correction(string role, string subject, string? district, string? department)
    {
        var application = Submit(FoodLicence, materials: ["application form"]);

        Assert.Throws<ForbiddenException>(() =>
            application.RequestCorrection([], null, new Caller(subject, role, district, department), Monday, Calendar));
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
    }

    // ---- resubmit ----------------------------------------------------------------------------------

    [Fact]
    public void Resubmitting_recomputes_what_is_missing_and_returns_the_application_to_submitted()
    {
        var application = FoodLicenceIn(ApplicationStatus.CorrectionRequested);
        var resubmittedAt = At(2026, 3, 4);

        application.Resubmit(["business licence", "premises floor plan"], FoodLicence, Citizen, resubmittedAt);

        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(["food safety officer certificate"], application.MissingMaterials);
        Assert.Equal(["application form", "business licence", "premises floor plan"], application.Materials);
        Assert.Equal(resubmittedAt, application.ReceivedAt);
        Assert.Equal(LedgerAction.Resubmitted, application.Ledger[^1].Action);
    }

    [Theory]
    [InlineData(Channel.ServiceHall, 1, 2)]
    [InlineData(Channel.Online, 0, 0)]
    public void A_resubmission_at_a_service_hall_counts_one_more_visit(Channel channel, int before, int after)
    {
        var application = Submit(FoodLicence, channel: channel, materials: ["application form"]);
        application.RequestCorrection([], null, MarketClerk, Monday, Calendar);
        Assert.Equal(before, application.Visits);

        application.Resubmit(["business licence"], FoodLicence, Citizen, Monday);

        Assert.Equal(after, application.Visits);
    }

    [Fact]
    public void The_grid_worker_who_submitted_and_the_applicant_may_both_resubmit()
    {
        var byGridWorker = Submit(FoodLicence, GridWorker, Channel.GridWorker, materials: ["application form"]);
        var byApplicant = Submit(FoodLicence, GridWorker, Channel.GridWorker, materials: ["application form"]);
        byGridWorker.RequestCorrection([], null, MarketClerk, Monday, Calendar);
        byApplicant.RequestCorrection([], null, MarketClerk, Monday, Calendar);

        byGridWorker.Resubmit(FoodLicence.RequiredMaterials, FoodLicence, GridWorker, Monday);
        byApplicant.Resubmit(FoodLicence.RequiredMaterials, FoodLicence, Citizen, Monday);

        Assert.Equal(("gw-1", ApplicationStatus.Submitted), (byGridWorker.Ledger[^1].Actor, byGridWorker.Status));
        Assert.Equal(("citizen-7", ApplicationStatus.Submitted), (byApplicant.Ledger[^1].Actor, byApplicant.Status));
    }

    public static TheoryData<string, string, string?, string?> NeitherApplicantNorSubmitter => new()
    {
        { PlatformRoles.Citizen, "citizen-8", null, null },
        { PlatformRoles.GridWorker, "gw-2", "district-03", null },
        { PlatformRoles.Clerk, "clerk-market", null, Market },
        { PlatformRoles.CityAdmin, "admin-1", null, null },
    };

    [Theory]
    [MemberData(nameof(NeitherApplicantNorSubmitter))]
    public void Nobody_but_the_applicant_or_the_submitter_may_resubmit(string role, string subject, string? district, string? department)
    {
        var application = Submit(FoodLicence, GridWorker, Channel.GridWorker, materials: ["application form"]);
        application.RequestCorrection([], null, MarketClerk, Monday, Calendar);

        Assert.Throws<ForbiddenException>(() =>
            application.Resubmit(["business licence"], FoodLicence, new Caller(subject, role, district, department), Monday));
        Assert.Equal(ApplicationStatus.CorrectionRequested, application.Status);
    }

    [Fact]
    public void Resubmitting_needs_materials_and_an_open_correction_notice()
    {
        var awaiting = FoodLicenceIn(ApplicationStatus.CorrectionRequested);
        var submitted = FoodLicenceIn(ApplicationStatus.Submitted);

        var error = Assert.Throws<ValidationFailedException>(() => awaiting.Resubmit([], FoodLicence, Citizen, Monday));
        Assert.Equal(["materials"], error.FieldErrors.Keys);
        Assert.Throws<ConflictException>(() => submitted.Resubmit(["business licence"], FoodLicence, Citizen, Monday));
    }

    // ---- accept --------------------------------------------------------------------------------------

    [Fact]
    public void Accepting_is_refused_while_required_materials_are_missing()
    {
        var application = Submit(FoodLicence, materials: ["application form"]);

        var error = Assert.Throws<ConflictException>(() => application.Accept(FoodLicence, MarketClerk, Monday, Calendar));

        Assert.Contains("business licence", error.Message);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Empty(application.Steps);
    }

    [Theory]
    [MemberData(nameof(NotTheLeadClerk))]
    public void Only_a_clerk_of_the_lead_department_accepts(string role, string subject, string? district, string? department)
    {
        var application = Submit(FoodLicence);

        Assert.Throws<ForbiddenException>(() =>
            application.Accept(FoodLicence, new Caller(subject, role, district, department), Monday, Calendar));
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
    }

    [Fact]
    public void A_participating_department_of_a_joint_matter_does_not_accept_it()
    {
        var application = Submit(ConstructionPermit);

        Assert.Throws<ForbiddenException>(() => application.Accept(ConstructionPermit, Clerk(NaturalResources), Monday, Calendar));
    }

    [Fact]
    public void Accepting_a_promised_matter_starts_the_clocks_and_opens_one_step_for_the_lead_department()
    {
        var application = Submit(FoodLicence);
        var acceptedAt = Monday.AddHours(2);

        application.Accept(FoodLicence, MarketClerk, acceptedAt, Calendar);

        Assert.Equal(ApplicationStatus.InReview, application.Status);
        var step = Assert.Single(application.Steps);
        Assert.Equal((Market, StepStatus.Pending), (step.DepartmentCode, step.Status));
        Assert.Equal(new DateOnly(2026, 3, 2), application.ClockStartOn);
        Assert.False(application.DeemedAccepted);
        Assert.Equal(new DateOnly(2026, 3, 9), application.PromisedDueOn);
        Assert.Equal(new DateOnly(2026, 3, 30), application.StatutoryDueOn);
        Assert.Equal(new ApplicationAccepted(application.Id, "MS-001", Market, "citizen-7", "district-03", false, acceptedAt,
            new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 30)), SingleEvent<ApplicationAccepted>(application));
    }

    [Fact]
    public void Accepting_a_joint_matter_opens_one_step_per_participating_department()
    {
        var application = InReview(ConstructionPermit);

        Assert.Equal([Housing, NaturalResources, Emergency], application.Steps.Select(s => s.DepartmentCode));
        Assert.All(application.Steps, s => Assert.Equal(StepStatus.Pending, s.Status));
    }

    [Theory]
    // Wednesday 30 September: 1-7 October are the National Day holidays and Saturday 10 October a make-up workday
    [InlineData("2026-09-30", "2026-10-13", "2026-11-03")]
    // Friday 13 February: Saturday the 14th is a make-up workday, 15-23 February the Spring Festival
    [InlineData("2026-02-13", "2026-02-27", "2026-03-19")]
    public void Due_dates_are_counted_in_working_days_across_the_holidays(string acceptedOn, string promisedDue, string statutoryDue)
    {
        var day = DateOnly.ParseExact(acceptedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var at = At(day.Year, day.Month, day.Day, 16);

        var application = InReview(FoodLicence, at);

        Assert.Equal(DateOnly.ParseExact(promisedDue, "yyyy-MM-dd", CultureInfo.InvariantCulture), application.PromisedDueOn);
        Assert.Equal(DateOnly.ParseExact(statutoryDue, "yyyy-MM-dd", CultureInfo.InvariantCulture), application.StatutoryDueOn);
    }

    [Theory]
    [InlineData(ApplicationStatus.CorrectionRequested)]
    [InlineData(ApplicationStatus.NotAccepted)]
    [InlineData(ApplicationStatus.InReview)]
    public void Only_a_submitted_application_can_be_accepted(ApplicationStatus status)
    {
        var application = FoodLicenceIn(status);

        Assert.Throws<ConflictException>(() => application.Accept(FoodLicence, MarketClerk, Monday, Calendar));
        Assert.Equal(status, application.Status);
    }

    // ---- not accept ----------------------------------------------------------------------------------

    [Fact]
    public void Not_accepting_needs_a_reason()
    {
        var application = Submit(FoodLicence);

        var error = Assert.Throws<ValidationFailedException>(() => application.RejectAcceptance("  ", MarketClerk, Monday));

        Assert.Equal(["reason"], error.FieldErrors.Keys);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.CorrectionRequested)]
    public void An_application_is_not_accepted_while_submitted_or_awaiting_correction(ApplicationStatus status)
    {
        var application = FoodLicenceIn(status);
        var at = Monday.AddHours(3);

        application.RejectAcceptance(" outside this department's remit ", MarketClerk, at);

        Assert.Equal(ApplicationStatus.NotAccepted, application.Status);
        Assert.Equal("outside this department's remit", application.StatusReason);
        Assert.Equal((LedgerAction.NotAccepted, "outside this department's remit"), (application.Ledger[^1].Action, application.Ledger[^1].Reason));
        Assert.Equal(new ApplicationNotAccepted(application.Id, "MS-001", Market, "citizen-7", "district-03", "outside this department's remit", at),
            SingleEvent<ApplicationNotAccepted>(application));
    }

    [Theory]
    [InlineData(ApplicationStatus.NotAccepted)]
    [InlineData(ApplicationStatus.InReview)]
    [InlineData(ApplicationStatus.Approved)]
    public void Not_accepting_is_refused_once_the_application_is_past_acceptance(ApplicationStatus status)
    {
        var application = FoodLicenceIn(status);

        Assert.Throws<ConflictException>(() => application.RejectAcceptance("too late", MarketClerk, Monday));
        Assert.Equal(status, application.Status);
    }

    [Fact]
    public void Only_a_clerk_of_the_lead_department_refuses_acceptance()
    {
        var application = Submit(FoodLicence);

        Assert.Throws<ForbiddenException>(() => application.RejectAcceptance("no", MarketSupervisor, Monday));
        Assert.Throws<ForbiddenException>(() => application.RejectAcceptance("no", FinanceClerk, Monday));
    }

    // ---- deemed acceptance ---------------------------------------------------------------------------

    [Fact]
    public void Acceptance_is_not_deemed_within_five_working_days_of_receipt()
    {
        var application = Submit(FoodLicence);

        // Monday 2 March + five working days is Monday 9 March, the last day a notice may be sent
        Assert.False(application.TryDeemAccepted(FoodLicence, At(2026, 3, 9, 23), Calendar));

        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Null(application.ClockStartOn);
        Assert.Empty(application.PendingEvents.OfType<ApplicationAccepted>());
    }

    [Fact]
    public void Without_a_correction_notice_acceptance_is_deemed_with_the_clock_starting_on_the_day_received()
    {
        var application = Submit(FoodLicence, at: At(2026, 3, 2, 15));
        var checkedAt = At(2026, 3, 10);

        Assert.True(application.TryDeemAccepted(FoodLicence, checkedAt, Calendar));

        Assert.Equal(ApplicationStatus.InReview, application.Status);
        Assert.True(application.DeemedAccepted);
        Assert.Equal(At(2026, 3, 2, 15), application.AcceptedAt);
        Assert.Equal(new DateOnly(2026, 3, 2), application.ClockStartOn);
        Assert.Equal(new DateOnly(2026, 3, 9), application.PromisedDueOn);
        Assert.Single(application.Steps);
        var line = application.Ledger[^1];
        Assert.Equal((LedgerAction.DeemedAccepted, Application.SystemActor, checkedAt), (line.Action, line.Actor, line.At));
        var accepted = SingleEvent<ApplicationAccepted>(application);
        Assert.True(accepted.Deemed);
        Assert.Equal(At(2026, 3, 2, 15), accepted.AcceptedAt);
    }

    [Fact]
    public void A_clerk_accepting_after_the_correction_window_starts_the_clock_on_the_day_received_even_with_materials_missing()
    {
        var application = Submit(FoodLicence, at: At(2026, 3, 2, 15), materials: ["application form"]);
        var acceptedLate = At(2026, 3, 10);

        application.Accept(FoodLicence, MarketClerk, acceptedLate, Calendar);

        Assert.Equal(ApplicationStatus.InReview, application.Status);
        Assert.True(application.DeemedAccepted);
        Assert.Equal(new DateOnly(2026, 3, 2), application.ClockStartOn);
        Assert.Equal(new DateOnly(2026, 3, 9), application.PromisedDueOn);
        Assert.Equal((LedgerAction.Accepted, MarketClerk.Subject), (application.Ledger[^1].Action, application.Ledger[^1].Actor));
        Assert.True(SingleEvent<ApplicationAccepted>(application).Deemed);
    }

    [Fact]
    public void Deemed_acceptance_counts_from_the_resubmission_after_a_correction()
    {
        var application = FoodLicenceIn(ApplicationStatus.CorrectionRequested);
        application.Resubmit(FoodLicence.RequiredMaterials, FoodLicence, Citizen, At(2026, 3, 4));

        Assert.False(application.TryDeemAccepted(FoodLicence, At(2026, 3, 11), Calendar)); // fifth working day after the 4th
        Assert.True(application.TryDeemAccepted(FoodLicence, At(2026, 3, 12), Calendar));
        Assert.Equal(new DateOnly(2026, 3, 4), application.ClockStartOn);
    }

    [Fact]
    public void Acceptance_is_never_deemed_while_a_correction_notice_is_open()
    {
        var application = FoodLicenceIn(ApplicationStatus.CorrectionRequested);

        Assert.False(application.TryDeemAccepted(FoodLicence, At(2026, 4, 30), Calendar));
        Assert.Equal(ApplicationStatus.CorrectionRequested, application.Status);
    }

    // ---- suspend and resume --------------------------------------------------------------------------

    [Fact]
    public void Suspending_needs_a_kind_and_a_reason()
    {
        var application = InReview(FoodLicence);

        var error = Assert.Throws<ValidationFailedException>(() => application.Suspend(null, "", MarketClerk, Monday));

        Assert.Equal(["kind", "reason"], error.FieldErrors.Keys.Order());
        Assert.Equal(ApplicationStatus.InReview, application.Status);
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.Suspended)]
    [InlineData(ApplicationStatus.Approved)]
    public void Only_an_application_in_review_can_be_suspended(ApplicationStatus status)
    {
        var application = FoodLicenceIn(status);

        Assert.Throws<ConflictException>(() => application.Suspend(SuspensionKind.Hearing, "a hearing", MarketClerk, Monday));
        Assert.Equal(status, application.Status);
    }

    [Fact]
    public void A_participating_departments_clerk_may_suspend_a_joint_application_but_a_supervisor_may_not()
    {
        var application = InReview(ConstructionPermit);

        Assert.Throws<ForbiddenException>(() =>
            application.Suspend(SuspensionKind.Inspection, "site", new Caller("sup-res", PlatformRoles.Supervisor, null, NaturalResources), Monday));
        Assert.Throws<ForbiddenException>(() => application.Suspend(SuspensionKind.Inspection, "site", FinanceClerk, Monday));
        application.Suspend(SuspensionKind.ExpertReview, "geology report", Clerk(NaturalResources), Monday);

        Assert.Equal((ApplicationStatus.Suspended, SuspensionKind.ExpertReview, "geology report"),
            (application.Status, application.SuspensionKind, application.SuspensionReason));
    }

    [Fact]
    public void Resuming_pushes_both_due_dates_back_by_the_working_days_paused()
    {
        var application = InReview(FoodLicence); // due 9 March (promised) and 30 March (statutory)
        application.Suspend(SuspensionKind.Hearing, "public hearing", MarketClerk, At(2026, 3, 3));

        application.Resume("hearing held", MarketClerk, At(2026, 3, 5), Calendar);

        Assert.Equal(ApplicationStatus.InReview, application.Status);
        Assert.Equal(2, application.PausedWorkingDays);
        Assert.Equal(new DateOnly(2026, 3, 11), application.PromisedDueOn);
        Assert.Equal(new DateOnly(2026, 4, 1), application.StatutoryDueOn);
        Assert.Null(application.SuspensionKind);
        Assert.Null(application.SuspendedAt);
    }

    [Fact]
    public void A_suspension_over_a_weekend_pauses_only_the_working_days()
    {
        var application = InReview(FoodLicence);
        application.Suspend(SuspensionKind.Inspection, "site inspection", MarketClerk, At(2026, 3, 6)); // Friday

        application.Resume(null, MarketClerk, At(2026, 3, 9), Calendar); // Monday

        Assert.Equal(1, application.PausedWorkingDays);
        Assert.Equal(new DateOnly(2026, 3, 10), application.PromisedDueOn);
    }

    [Theory]
    [InlineData(ApplicationStatus.InReview)]
    [InlineData(ApplicationStatus.Approved)]
    public void Only_a_suspended_application_can_be_resumed(ApplicationStatus status)
    {
        var application = FoodLicenceIn(status);

        Assert.Throws<ConflictException>(() => application.Resume(null, MarketClerk, Monday, Calendar));
    }

    // ---- extend --------------------------------------------------------------------------------------

    [Fact]
    public void An_extension_adds_ten_working_days_once_and_a_second_is_refused()
    {
        var application = InReview(FoodLicence); // due 9 March (promised) and 30 March (statutory)

        application.Extend("expert opinion needed", MarketClerk, At(2026, 3, 3), Calendar);

        Assert.True(application.Extended);
        Assert.Equal(10, application.ExtensionWorkingDays);
        Assert.Equal(new DateOnly(2026, 3, 23), application.PromisedDueOn);
        Assert.Equal(new DateOnly(2026, 4, 14), application.StatutoryDueOn); // 4-6 April are the Qingming holidays
        Assert.Throws<ConflictException>(() => application.Extend("more time", MarketClerk, At(2026, 3, 4), Calendar));
        Assert.Equal(new DateOnly(2026, 3, 23), application.PromisedDueOn);
    }

    [Fact]
    public void A_joint_matter_is_extended_by_fifteen_working_days()
    {
        var application = InReview(ConstructionPermit);

        application.Extend("three departments need site visits", Clerk(Housing), Monday, Calendar);

        Assert.Equal(15, application.ExtensionWorkingDays);
        Assert.Equal(30, application.PromisedLimitWithExtension);
        Assert.Equal(new DateOnly(2026, 4, 14), application.PromisedDueOn);
    }

    [Fact]
    public void An_extension_needs_a_reason_and_an_application_in_review()
    {
        var inReview = InReview(FoodLicence);
        var suspended = FoodLicenceIn(ApplicationStatus.Suspended);

        var error = Assert.Throws<ValidationFailedException>(() => inReview.Extend(null, MarketClerk, Monday, Calendar));
        Assert.Equal(["reason"], error.FieldErrors.Keys);
        Assert.Throws<ConflictException>(() => suspended.Extend("more time", MarketClerk, Monday, Calendar));
        Assert.False(inReview.Extended);
        Assert.False(suspended.Extended);
    }

    [Fact]
    public void Only_the_lead_departments_clerk_extends()
    {
        var application = InReview(ConstructionPermit);

        Assert.Throws<ForbiddenException>(() => application.Extend("more time", Clerk(NaturalResources), Monday, Calendar));
        Assert.False(application.Extended);
    }

    // ---- decide --------------------------------------------------------------------------------------

    [Fact]
    public void Rejecting_a_step_needs_a_reason()
    {
        var application = InReview(FoodLicence);

        var error = Assert.Throws<ValidationFailedException>(() => application.DecideStep(null, Decision.Reject, " ", MarketClerk, Monday, Calendar));

        Assert.Equal(["reason"], error.FieldErrors.Keys);
        Assert.Equal(StepStatus.Pending, application.Steps.Single().Status);
    }

    [Fact]
    public void A_step_is_decided_only_by_a_clerk_of_its_own_department()
    {
        var application = InReview(ConstructionPermit);
        var resourcesSupervisor = new Caller("sup-res", PlatformRoles.Supervisor, null, NaturalResources);

        Assert.Throws<ForbiddenException>(() => application.DecideStep(Housing, Decision.Approve, null, Clerk(NaturalResources), Monday, Calendar));
        Assert.Throws<ForbiddenException>(() => application.DecideStep(NaturalResources, Decision.Approve, null, resourcesSupervisor, Monday, Calendar));
        Assert.Throws<ForbiddenException>(() => application.DecideStep(NaturalResources, Decision.Approve, null, CityAdmin, Monday, Calendar));

        Assert.All(application.Steps, s => Assert.Equal(StepStatus.Pending, s.Status));
    }

    [Theory]
    [InlineData(ApplicationStatus.InReview)]
    [InlineData(ApplicationStatus.Submitted)]
    public void A_department_with_no_step_is_forbidden_whatever_the_state(ApplicationStatus status)
    {
        // a 409 for a submitted application would tell a foreign department that it exists and what state it is in
        var application = status == ApplicationStatus.InReview ? InReview(ConstructionPermit) : Submit(ConstructionPermit);

        Assert.Throws<ForbiddenException>(() => application.DecideStep(null, Decision.Approve, null, FinanceClerk, Monday, Calendar));
        Assert.Throws<ForbiddenException>(() => application.DecideStep("dept-finance", Decision.Reject, null, FinanceClerk, Monday, Calendar));
    }

    [Fact]
    public void A_step_cannot_be_decided_twice()
    {
        var application = InReview(ConstructionPermit);
        application.DecideStep(null, Decision.Approve, null, Clerk(NaturalResources), Monday, Calendar);

        Assert.Throws<ConflictException>(() => application.DecideStep(null, Decision.Reject, "changed our mind", Clerk(NaturalResources), Monday, Calendar));

        Assert.Equal(StepStatus.Approved, application.Steps.Single(s => s.DepartmentCode == NaturalResources).Status);
    }

    [Fact]
    public void A_joint_application_is_not_decided_until_every_department_has_decided()
    {
        var application = InReview(ConstructionPermit);

        application.DecideStep(null, Decision.Approve, null, Clerk(Housing), Monday.AddHours(1), Calendar);
        application.DecideStep(NaturalResources, Decision.Approve, "site plan conforms", Clerk(NaturalResources), Monday.AddHours(2), Calendar);

        Assert.Equal(ApplicationStatus.InReview, application.Status);
        Assert.Null(application.DecidedAt);
        Assert.Empty(application.PendingEvents.OfType<ApplicationDecided>());
        var resources = application.Steps.Single(s => s.DepartmentCode == NaturalResources);
        Assert.Equal((StepStatus.Approved, "site plan conforms", "clerk-dept-natural-resources", Monday.AddHours(2)),
            (resources.Status, resources.Reason, resources.DecidedBy, resources.DecidedAt));
        Assert.Equal([(LedgerAction.StepDecided, Housing), (LedgerAction.StepDecided, NaturalResources)],
            application.Ledger.TakeLast(2).Select(l => (l.Action, l.DepartmentCode)));
    }

    [Fact]
    public void Any_rejection_rejects_a_joint_application_with_every_rejecting_departments_reason()
    {
        var application = InReview(ConstructionPermit);
        var decidedAt = At(2026, 3, 4);

        application.DecideStep(null, Decision.Reject, "too close to the river", Clerk(NaturalResources), Monday, Calendar);
        application.DecideStep(null, Decision.Approve, null, Clerk(Housing), Monday, Calendar);
        application.DecideStep(null, Decision.Reject, "no fire escape", Clerk(Emergency), decidedAt, Calendar);

        Assert.Equal(ApplicationStatus.Rejected, application.Status);
        string[] reasons = [$"{NaturalResources}: too close to the river", $"{Emergency}: no fire escape"];
        Assert.Equal(string.Join("; ", reasons), application.StatusReason);
        Assert.Null(application.CertificateDueOn);
        var decided = SingleEvent<ApplicationDecided>(application);
        Assert.Equal(ApplicationDecided.Rejected, decided.Outcome);
        Assert.Equal(reasons, decided.Reasons);
        Assert.Equal((application.Id, "HC-001", Housing, "citizen-7", "district-03", decidedAt, 2, 45, true),
            (decided.ApplicationId, decided.MatterCode, decided.DepartmentCode, decided.ApplicantId, decided.DistrictCode,
             decided.DecidedAt, decided.ElapsedWorkingDays, decided.StatutoryLimitDays, decided.OnTime));
    }

    [Fact]
    public void When_every_department_approves_the_application_is_approved_with_the_certificate_due_ten_working_days_later()
    {
        var application = InReview(ConstructionPermit, At(2026, 9, 28));
        var decidedAt = At(2026, 9, 30, 17);

        application.DecideStep(null, Decision.Approve, null, Clerk(Housing), decidedAt, Calendar);
        application.DecideStep(null, Decision.Approve, null, Clerk(NaturalResources), decidedAt, Calendar);
        application.DecideStep(null, Decision.Approve, null, Clerk(Emergency), decidedAt, Calendar);

        Assert.Equal(ApplicationStatus.Approved, application.Status);
        Assert.Null(application.StatusReason);
        Assert.Equal(decidedAt, application.DecidedAt);
        Assert.Equal(2, application.ElapsedWorkingDays);
        // ten working days after 30 September, skipping the National Day week and counting Saturday 10 October
        Assert.Equal(new DateOnly(2026, 10, 20), application.CertificateDueOn);
        var line = application.Ledger[^1];
        Assert.Equal((LedgerAction.Decided, Application.SystemActor, "all departments approved"), (line.Action, line.Actor, line.Reason));
        var decided = SingleEvent<ApplicationDecided>(application);
        Assert.Equal((ApplicationDecided.Approved, 2, true), (decided.Outcome, decided.ElapsedWorkingDays, decided.OnTime));
        Assert.Empty(decided.Reasons);
    }

    [Fact]
    public void A_decision_past_the_promised_limit_is_reported_late()
    {
        var application = InReview(FoodLicence); // promised 5 working days from Monday 2 March

        application.DecideStep(null, Decision.Approve, null, MarketClerk, At(2026, 3, 10), Calendar);

        Assert.Equal(6, application.ElapsedWorkingDays);
        Assert.False(SingleEvent<ApplicationDecided>(application).OnTime);
    }

    [Fact]
    public void A_suspended_application_cannot_be_decided()
    {
        var application = FoodLicenceIn(ApplicationStatus.Suspended);

        Assert.Throws<ConflictException>(() => application.DecideStep(null, Decision.Approve, null, MarketClerk, Monday, Calendar));
        Assert.Equal(StepStatus.Pending, application.Steps.Single().Status);
    }

    // ---- issue ---------------------------------------------------------------------------------------

    [Fact]
    public void Issuing_the_certificate_of_an_approved_application_numbers_it_and_ends_the_application()
    {
        var application = FoodLicenceIn(ApplicationStatus.Approved);
        var issuedAt = At(2026, 3, 3, 10);

        application.IssueCertificate(MarketClerk, issuedAt);

        Assert.Equal(ApplicationStatus.Issued, application.Status);
        Assert.Equal(issuedAt, application.IssuedAt);
        Assert.Matches("^MS-001-20260303-[0-9A-F]{8}$", application.CertificateNumber);
        Assert.Equal((LedgerAction.Issued, application.CertificateNumber), (application.Ledger[^1].Action, application.Ledger[^1].Reason));
        Assert.Equal(new CertificateIssued(application.Id, "MS-001", Market, "citizen-7", "district-03", application.CertificateNumber!, issuedAt),
            SingleEvent<CertificateIssued>(application));
    }

    [Theory]
    [InlineData(ApplicationStatus.Rejected)]
    [InlineData(ApplicationStatus.InReview)]
    [InlineData(ApplicationStatus.Issued)]
    public void A_certificate_is_issued_only_for_an_approved_application(ApplicationStatus status)
    {
        var application = FoodLicenceIn(status);
        var number = application.CertificateNumber;

        Assert.Throws<ConflictException>(() => application.IssueCertificate(MarketClerk, Monday));
        Assert.Equal(number, application.CertificateNumber);
    }

    [Fact]
    public void Only_the_lead_departments_clerk_issues_the_certificate()
    {
        var application = InReview(ConstructionPermit);
        foreach (var department in new[] { Housing, NaturalResources, Emergency })
            application.DecideStep(null, Decision.Approve, null, Clerk(department), Monday, Calendar);

        Assert.Throws<ForbiddenException>(() => application.IssueCertificate(Clerk(NaturalResources), Monday));
        Assert.Throws<ForbiddenException>(() => application.IssueCertificate(new Caller("sup-h", PlatformRoles.Supervisor, null, Housing), Monday));
        Assert.Equal(ApplicationStatus.Approved, application.Status);
    }

    // ---- evaluate ------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(NeitherApplicantNorSubmitter))]
    public void Only_the_applicant_evaluates(string role, string subject, string? district, string? department)
    {
        var application = Submit(FoodLicence, GridWorker, Channel.GridWorker);
        ConfirmOriginals(application, FoodLicence, MarketClerk);
        application.Accept(FoodLicence, MarketClerk, Monday, Calendar);
        application.DecideStep(null, Decision.Approve, null, MarketClerk, Monday, Calendar);
        application.IssueCertificate(MarketClerk, Monday);

        Assert.Throws<ForbiddenException>(() => application.Evaluate(5, null, new Caller(subject, role, district, department), Monday, Calendar));
        Assert.Throws<ForbiddenException>(() => application.Evaluate(5, null, GridWorker, Monday, Calendar)); // the submitter neither
        Assert.Null(application.Evaluation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void A_rating_outside_one_to_five_is_refused(int rating)
    {
        var application = FoodLicenceIn(ApplicationStatus.Issued);

        var error = Assert.Throws<ValidationFailedException>(() => application.Evaluate(rating, null, Citizen, Monday, Calendar));

        Assert.Equal(["rating"], error.FieldErrors.Keys);
        Assert.Null(application.Evaluation);
    }

    [Theory]
    [InlineData(ApplicationStatus.Issued)]
    [InlineData(ApplicationStatus.Rejected)]
    [InlineData(ApplicationStatus.NotAccepted)]
    public void An_application_whose_service_has_ended_can_be_evaluated(ApplicationStatus status)
    {
        var application = FoodLicenceIn(status);

        application.Evaluate(4, " quick and friendly ", Citizen, Monday.AddHours(5), Calendar);

        Assert.Equal((4, "quick and friendly", Monday.AddHours(5)),
            (application.Evaluation!.Rating, application.Evaluation.Comment, application.Evaluation.EvaluatedAt));
        Assert.Equal((LedgerAction.Evaluated, "rating 4"), (application.Ledger[^1].Action, application.Ledger[^1].Reason));
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.CorrectionRequested)]
    [InlineData(ApplicationStatus.InReview)]
    [InlineData(ApplicationStatus.Suspended)]
    [InlineData(ApplicationStatus.Approved)]
    public void An_application_still_being_served_cannot_be_evaluated(ApplicationStatus status)
    {
        var application = FoodLicenceIn(status);

        Assert.Throws<ConflictException>(() => application.Evaluate(5, null, Citizen, Monday, Calendar));
        Assert.Null(application.Evaluation);
    }

    [Fact]
    public void An_application_is_evaluated_only_once()
    {
        var application = FoodLicenceIn(ApplicationStatus.Issued);
        application.Evaluate(5, null, Citizen, Monday, Calendar);

        Assert.Throws<ConflictException>(() => application.Evaluate(1, "actually bad", Citizen, Monday, Calendar));

        Assert.Equal(5, application.Evaluation!.Rating);
        Assert.Null(application.Rectification);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_bad_rating_opens_a_rectification_due_in_fifteen_working_days(int rating)
    {
        var application = FoodLicenceIn(ApplicationStatus.Issued);
        var evaluatedAt = At(2026, 9, 30, 11);

        application.Evaluate(rating, "slow", Citizen, evaluatedAt, Calendar);

        Assert.NotNull(application.Rectification);
        Assert.Equal(new DateOnly(2026, 9, 30), application.Rectification.OpenedOn);
        Assert.Equal(new DateOnly(2026, 10, 27), application.Rectification.DueOn); // the National Day week does not count
        Assert.False(application.Rectification.IsClosed);
        Assert.Equal(new ApplicationEvaluated(application.Id, "MS-001", Market, "district-03", rating, true, evaluatedAt),
            SingleEvent<ApplicationEvaluated>(application));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_rating_of_three_or_more_opens_no_rectification(int rating)
    {
        var application = FoodLicenceIn(ApplicationStatus.Issued);

        application.Evaluate(rating, null, Citizen, Monday, Calendar);

        Assert.Null(application.Rectification);
        Assert.False(SingleEvent<ApplicationEvaluated>(application).RectificationOpened);
    }

    // ---- close a rectification -----------------------------------------------------------------------

    private static Application WithOpenRectification()
    {
        var application = FoodLicenceIn(ApplicationStatus.Issued);
        application.Evaluate(1, "rude at the counter", Citizen, Monday, Calendar);
        return application;
    }

    [Fact]
    public void Closing_a_rectification_records_the_action_taken()
    {
        var application = WithOpenRectification();
        var closedAt = At(2026, 3, 5);

        application.CloseRectification(" trained the counter staff ", MarketClerk, closedAt);

        Assert.True(application.Rectification!.IsClosed);
        Assert.Equal(("trained the counter staff", closedAt), (application.Rectification.ActionTaken, application.Rectification.ClosedAt));
        Assert.Equal((LedgerAction.RectificationClosed, "trained the counter staff"), (application.Ledger[^1].Action, application.Ledger[^1].Reason));
    }

    [Fact]
    public void Closing_a_rectification_needs_the_action_taken()
    {
        var application = WithOpenRectification();

        var error = Assert.Throws<ValidationFailedException>(() => application.CloseRectification("", MarketClerk, Monday));

        Assert.Equal(["actionTaken"], error.FieldErrors.Keys);
        Assert.False(application.Rectification!.IsClosed);
    }

    [Fact]
    public void There_is_nothing_to_close_without_a_rectification()
    {
        var application = FoodLicenceIn(ApplicationStatus.Issued);
        application.Evaluate(5, null, Citizen, Monday, Calendar);

        Assert.Throws<ConflictException>(() => application.CloseRectification("nothing", MarketClerk, Monday));
    }

    [Fact]
    public void A_rectification_is_closed_only_once()
    {
        var application = WithOpenRectification();
        application.CloseRectification("apologised", MarketClerk, Monday);

        Assert.Throws<ConflictException>(() => application.CloseRectification("apologised again", MarketClerk, Monday.AddHours(1)));

        Assert.Equal("apologised", application.Rectification!.ActionTaken);
    }

    [Fact]
    public void Only_the_lead_departments_clerk_closes_a_rectification()
    {
        var application = WithOpenRectification();

        Assert.Throws<ForbiddenException>(() => application.CloseRectification("done", MarketSupervisor, Monday));
        Assert.Throws<ForbiddenException>(() => application.CloseRectification("done", Citizen, Monday));
        Assert.Throws<ForbiddenException>(() => application.CloseRectification("done", FinanceClerk, Monday));
        Assert.False(application.Rectification!.IsClosed);
    }

    // ---- the clock ledger and the events of a whole lifecycle ----------------------------------------

    /// <summary>
    /// A food licence through every kind of transition: incomplete at the hall, corrected, accepted on Tuesday
    /// 3 March (due 10 and 31 March), suspended two working days, extended, approved, issued, badly rated, rectified.
    /// </summary>
    private static Application WholeLifecycle()
    {
        var application = Submit(FoodLicence, at: At(2026, 3, 2), materials: ["application form", "business licence"]);
        application.RequestCorrection([], "bring the floor plan and the officer's certificate", MarketClerk, At(2026, 3, 2, 10), Calendar);
        application.Resubmit(["premises floor plan", "food safety officer certificate"], FoodLicence, Citizen, At(2026, 3, 3));
        application.Accept(FoodLicence, MarketClerk, At(2026, 3, 3, 10), Calendar);
        application.Suspend(SuspensionKind.Inspection, "site inspection", MarketClerk, At(2026, 3, 4));
        application.Resume(null, MarketClerk, At(2026, 3, 6), Calendar);
        application.Extend("expert opinion needed", MarketClerk, At(2026, 3, 9), Calendar);
        application.DecideStep(null, Decision.Approve, null, MarketClerk, At(2026, 3, 10), Calendar);
        application.IssueCertificate(MarketClerk, At(2026, 3, 11));
        application.Evaluate(2, "slow", Citizen, At(2026, 3, 12), Calendar);
        application.CloseRectification("trained the counter staff", MarketClerk, At(2026, 3, 13));
        return application;
    }

    [Fact]
    public void The_clock_ledger_records_every_transition_in_order_with_actor_reason_and_resulting_due_dates()
    {
        var application = WholeLifecycle();

        DateOnly? D(int month, int day) => new DateOnly(2026, month, day);
        const string ClerkId = "clerk-dept-market-supervision", ClerkRole = PlatformRoles.Clerk, Me = "citizen-7", MyRole = PlatformRoles.Citizen;
        var expected = new (LedgerAction, string, string, string?, string?, DateOnly?, DateOnly?)[]
        {
            (LedgerAction.Submitted, Me, MyRole, null, null, null, null),
            (LedgerAction.CorrectionRequested, ClerkId, ClerkRole, "bring the floor plan and the officer's certificate", null, null, null),
            (LedgerAction.Resubmitted, Me, MyRole, null, null, null, null),
            (LedgerAction.Accepted, ClerkId, ClerkRole, null, null, D(3, 10), D(3, 31)),
            (LedgerAction.Suspended, ClerkId, ClerkRole, "SUSPENSION_KIND_INSPECTION: site inspection", null, D(3, 10), D(3, 31)),
            (LedgerAction.Resumed, ClerkId, ClerkRole, null, null, D(3, 12), D(4, 2)),
            (LedgerAction.Extended, ClerkId, ClerkRole, "expert opinion needed", null, D(3, 26), D(4, 17)),
            (LedgerAction.StepDecided, ClerkId, ClerkRole, "STEP_STATUS_APPROVED", Market, D(3, 26), D(4, 17)),
            (LedgerAction.Decided, Application.SystemActor, Application.SystemActor, "all departments approved", null, D(3, 26), D(4, 17)),
            (LedgerAction.Issued, ClerkId, ClerkRole, application.CertificateNumber, null, D(3, 26), D(4, 17)),
            (LedgerAction.Evaluated, Me, MyRole, "rating 2", null, D(3, 26), D(4, 17)),
            (LedgerAction.RectificationClosed, ClerkId, ClerkRole, "trained the counter staff", null, D(3, 26), D(4, 17)),
        };
        Assert.Equal(expected, application.Ledger.Select(l => (l.Action, l.Actor, l.ActorRole, l.Reason, l.DepartmentCode, l.PromisedDueOn, l.StatutoryDueOn)));
        Assert.Equal(Enumerable.Range(1, expected.Length), application.Ledger.Select(l => l.Sequence));
        Assert.Equal(application.Ledger.Select(l => l.At).Order(), application.Ledger.Select(l => l.At));
        Assert.Equal(expected.Length, application.Revision);
        Assert.Equal(3, application.ElapsedWorkingDays); // 4, 5, 6, 9, 10 March less the two paused
    }

    [Fact]
    public void A_whole_lifecycle_queues_one_event_per_transition_that_others_react_to_in_order()
    {
        var application = WholeLifecycle();

        // the resubmission is a second visit to the hall, one more than the food licence allows
        Assert.Equal([typeof(ApplicationSubmitted), typeof(CorrectionRequested), typeof(VisitLimitExceeded), typeof(ApplicationAccepted),
            typeof(ApplicationDecided), typeof(CertificateIssued), typeof(ApplicationEvaluated)], application.PendingEvents.Select(e => e.GetType()));
        var accepted = SingleEvent<ApplicationAccepted>(application);
        Assert.Equal((new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 31), false), (accepted.PromisedDueOn, accepted.StatutoryDueOn, accepted.Deemed));
        var decided = SingleEvent<ApplicationDecided>(application);
        Assert.Equal((ApplicationDecided.Approved, 3, 20, true), (decided.Outcome, decided.ElapsedWorkingDays, decided.StatutoryLimitDays, decided.OnTime));
        Assert.Equal(application.CertificateNumber, SingleEvent<CertificateIssued>(application).CertificateNumber);
        var evaluated = SingleEvent<ApplicationEvaluated>(application);
        Assert.Equal((2, true), (evaluated.Rating, evaluated.RectificationOpened));
        Assert.All(application.PendingEvents, e => Assert.Equal(application.Id, (Guid)e.GetType().GetProperty("ApplicationId")!.GetValue(e)!));
    }

    // ---- the matter catalogue ------------------------------------------------------------------------

    private static MatterDraft MatterDraftOf(string code = "MS-010", string? department = Market, MatterKind? kind = MatterKind.Promised,
        int statutory = 20, int promised = 10, params string[] participants) =>
        new(code, "Outdoor advertising permit", department, kind, ["application form", "site photo"], statutory, promised, 1, participants);

    [Fact]
    public void A_clerk_defines_version_one_of_a_new_matter_for_their_department()
    {
        var matter = Matter.Define(MatterDraftOf(department: null), null, MarketClerk, Monday);

        Assert.Equal(("MS-010", 1, Market, MatterKind.Promised, 10, 20, "clerk-dept-market-supervision", Monday),
            (matter.Code, matter.Version, matter.DepartmentCode, matter.Kind, matter.PromisedLimitDays, matter.StatutoryLimitDays, matter.DefinedBy, matter.DefinedAt));
        Assert.Equal([Market], matter.ReviewingDepartments);
    }

    [Fact]
    public void A_promised_limit_above_the_statutory_limit_is_refused()
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            Matter.Define(MatterDraftOf(statutory: 10, promised: 11), null, MarketClerk, Monday));

        Assert.Equal(["promisedLimitDays"], error.FieldErrors.Keys);
    }

    [Theory]
    [InlineData(Housing)]                        // only one department
    [InlineData(Departments.NaturalResources, Emergency)]           // the lead is not among them
    public void A_joint_matter_needs_at_least_two_departments_including_the_lead(params string[] participants)
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            Matter.Define(MatterDraftOf("HC-010", Housing, MatterKind.Joint, 45, 15, participants), null, Clerk(Housing), Monday));

        Assert.Equal(["participatingDepartments"], error.FieldErrors.Keys);
    }

    [Fact]
    public void A_joint_matter_reviews_in_every_participating_department()
    {
        var matter = Matter.Define(MatterDraftOf("HC-010", Housing, MatterKind.Joint, 45, 15, Housing, NaturalResources, NaturalResources), null, Clerk(Housing), Monday);

        Assert.Equal([Housing, NaturalResources], matter.ReviewingDepartments);
    }

    [Theory]
    [InlineData(MatterKind.Promised)]
    [InlineData(MatterKind.OnTheSpot)]
    public void Only_a_joint_matter_has_participating_departments(MatterKind kind)
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            Matter.Define(MatterDraftOf(kind: kind, participants: [Market, NaturalResources]), null, MarketClerk, Monday));

        Assert.Equal(["participatingDepartments"], error.FieldErrors.Keys);
    }

    [Fact]
    public void A_clerk_of_another_department_may_not_define_the_matter()
    {
        Assert.Throws<ForbiddenException>(() => Matter.Define(MatterDraftOf(), null, FinanceClerk, Monday));
        Assert.Throws<ForbiddenException>(() => Matter.Define(MatterDraftOf(), null, Citizen, Monday));
    }

    [Fact]
    public void Changing_a_matter_adds_the_next_version_and_leaves_the_current_one_alone()
    {
        var current = Matter.Define(MatterDraftOf(), null, MarketClerk, Monday);

        var next = Matter.Define(MatterDraftOf(promised: 5), current, MarketClerk, Monday.AddDays(1));

        Assert.Equal((2, 5), (next.Version, next.PromisedLimitDays));
        Assert.Equal((1, 10), (current.Version, current.PromisedLimitDays));
    }

    [Fact]
    public void A_matter_stays_with_its_department_when_another_department_changes_it()
    {
        var current = Matter.Define(MatterDraftOf(), null, MarketClerk, Monday);

        // the finance clerk names their own department, so the draft itself is theirs to manage; the matter is not
        Assert.Throws<ForbiddenException>(() => Matter.Define(MatterDraftOf(department: "dept-finance"), current, FinanceClerk, Monday));
    }
}
