using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Grpc;
using Longgang.Approvals.Messaging;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using static Longgang.Approvals.Tests.Callers;
using static Longgang.Approvals.Tests.Departments;
using ListWarningsRequest = Longgang.Approvals.Contracts.V1.ListWarningsRequest;
using ProtoWarningLevel = Longgang.Approvals.Contracts.V1.WarningLevel;

namespace Longgang.Approvals.Tests;

/// <summary>
/// The SLA supervisor on a real SQLite database with a fake clock: one pass a day (or several) across weekends,
/// statutory holidays and make-up workdays, and the days on which deemed acceptance and warnings must appear.
/// </summary>
public sealed class SlaSupervisionTests : IAsyncLifetime
{
    private ApprovalsTestHost _host = null!;

    private static WorkingDayCalendar Calendar => WorkingDayCalendar.Official;

    // most tests start on Monday 2 March 2026; the clock only moves forward, so it starts before every test's first day
    public async ValueTask InitializeAsync() => _host = await ApprovalsTestHost.CreateAsync(ChinaTime(2026, 1, 5));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    // ---- helpers ---------------------------------------------------------------------------------

    /// <summary>10:00 in Longgang on that day, as the UTC instant a server clock reports.</summary>
    private static DateTimeOffset ChinaTime(int year, int month, int day, int hour = 10) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, WorkingDayCalendar.ChinaStandardTimeOffset).ToUniversalTime();

    private void SetToday(DateOnly day) => _host.Clock.SetUtcNow(ChinaTime(day.Year, day.Month, day.Day));

    /// <summary>
    /// A complete application handed in at a service hall now, accepted at once unless <paramref name="accept"/> is false.
    /// Its own events (and those of <see cref="ChangeAsync"/>) are dropped before saving, so that the tests see only what the supervisor queued.
    /// </summary>
    private Task<Guid> SubmitAsync(string matterCode, bool accept = true, string district = "district-03", bool complete = true) =>
        _host.WithDbAsync(async db =>
        {
            var matter = (await db.CurrentMatterAsync(matterCode, CancellationToken.None))!;
            var clerk = Clerk(matter.DepartmentCode);
            var materials = complete ? matter.RequiredMaterials : matter.RequiredMaterials.Take(1).ToList();
            var application = Application.Submit(matter,
                new SubmissionDraft(matterCode, "citizen-7", "Wang Fang", Channel.ServiceHall, district, materials), clerk, _host.Clock.GetUtcNow());
            if (accept) application.Accept(matter, clerk, _host.Clock.GetUtcNow(), Calendar);
            application.TakePendingEvents();
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return application.Id;
        });

    private Task ChangeAsync(Guid id, Action<Application> change) =>
        _host.WithDbAsync(async db =>
        {
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            change(application);
            application.TakePendingEvents();
            await db.SaveChangesAsync();
        });

    private Task<Application> ApplicationAsync(Guid id) => _host.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));

    private Task<List<SlaWarning>> WarningsAsync() => _host.WithDbAsync(db => db.SlaWarnings.AsNoTracking().ToListAsync());

    private async Task<List<object>> OutboxAsync() =>
        (await _host.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync()))
        .Select(m => m.Deserialize(m.ResolveType()!)).ToList();

    private Task<SlaPassResult> PassAsync() =>
        _host.ScopeAsync(services => services.GetRequiredService<SlaSupervision>().RunOnceAsync(CancellationToken.None));

    /// <summary>
    /// One pass a day at 10:00 (two on each day, to show a warning is raised once), from <paramref name="from"/> to
    /// <paramref name="to"/>; returns the warnings each day raised, as "LEVEL SCOPE department".
    /// </summary>
    private async Task<Dictionary<DateOnly, List<string>>> PassDailyAsync(DateOnly from, DateOnly to, Func<DateOnly, Task>? before = null)
    {
        var raised = new Dictionary<DateOnly, List<string>>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            SetToday(day);
            if (before is not null) await before(day);
            var known = (await WarningsAsync()).Select(w => w.Id).ToHashSet();
            Assert.Equal(0, (await PassAsync()).Failed);
            var repeat = await PassAsync();
            Assert.Equal(0, repeat.WarningsRaised + repeat.DeemedAccepted);
            var fresh = (await WarningsAsync()).Where(w => !known.Contains(w.Id))
                .Select(w => $"{w.Level} {w.Scope} {w.DepartmentCode}").Order().ToList();
            if (fresh.Count > 0) raised[day] = fresh;
        }
        return raised;
    }

    private static DateOnly Day(int month, int day) => new(2026, month, day);

    // ---- warnings --------------------------------------------------------------------------------

    [Fact]
    public async Task A_promised_matter_warns_yellow_at_90_percent_and_red_after_its_due_date_once_each_through_the_outbox()
    {
        SetToday(Day(3, 2));
        // MS-001 promises 5 working days; accepted Monday 2 March, due Monday 9 March
        var id = await SubmitAsync("MS-001");
        Assert.Equal(Day(3, 9), (await ApplicationAsync(id)).PromisedDueOn);

        var raised = await PassDailyAsync(Day(3, 2), Day(3, 13));

        // 5 of 5 days used is the first whole day at or past 90%; red the day after the due date
        Assert.Equal(new Dictionary<DateOnly, List<string>>
        {
            [Day(3, 9)] = [$"Yellow Application {Market}"],
            [Day(3, 10)] = [$"Red Application {Market}"],
        }, raised);
        var events = (await OutboxAsync()).Cast<SlaWarningRaised>().ToList();
        Assert.Equal(["YELLOW", "RED"], events.Select(e => e.Level));
        Assert.All(events, e =>
        {
            Assert.Equal(id, e.ApplicationId);
            Assert.Equal("MS-001", e.MatterCode);
            Assert.Equal(Market, e.DepartmentCode);
            Assert.Equal("district-03", e.DistrictCode);
            Assert.Equal("APPLICATION", e.Scope);
            Assert.Equal(Day(3, 9), e.DueOn);
            Assert.Equal(5, e.LimitWorkingDays);
        });
        Assert.Equal([5, 6], events.Select(e => e.ElapsedWorkingDays));
        Assert.Equal(ChinaTime(2026, 3, 10), events[1].RaisedAt);
        var warnings = await WarningsAsync();
        Assert.Equal(events.Select(e => e.WarningId).Order(), warnings.Select(w => w.Id).Order());

        // the gauge the chart alerts on counts the open application with a red warning, until it is decided
        Assert.Equal(1, (await PassAsync()).OpenWithRedWarning);
        await ChangeAsync(id, a => a.DecideStep(Market, Decision.Reject, "the premises fail inspection", Clerk(Market), _host.Clock.GetUtcNow(), Calendar));
        Assert.Equal(0, (await PassAsync()).OpenWithRedWarning);
    }

    [Fact]
    public async Task The_clock_stands_still_over_the_national_day_holidays_and_counts_the_make_up_saturday()
    {
        // accepted Tuesday 29 September 2026. Working days after it: 30 Sep, (1-7 Oct 国庆), 8, 9, Saturday 10 Oct
        // (make-up workday), 12, 13, 14, 15, 16, 19 Oct
        SetToday(Day(9, 29));
        var food = await SubmitAsync("MS-001");   // 5 days: due Monday 12 October
        var subsidy = await SubmitAsync("HR-001"); // 10 days: due Monday 19 October
        Assert.Equal(Day(10, 12), (await ApplicationAsync(food)).PromisedDueOn);
        Assert.Equal(Day(10, 19), (await ApplicationAsync(subsidy)).PromisedDueOn);

        var raised = await PassDailyAsync(Day(9, 29), Day(10, 21));

        Assert.Equal(new Dictionary<DateOnly, List<string>>
        {
            [Day(10, 12)] = ["Yellow Application dept-market-supervision"],
            [Day(10, 13)] = ["Red Application dept-market-supervision"],
            [Day(10, 16)] = ["Yellow Application dept-human-resources"], // 9 of 10 days, the Friday before the due date
            [Day(10, 20)] = ["Red Application dept-human-resources"],
        }, raised);
    }

    [Fact]
    public async Task A_suspended_application_raises_nothing_and_its_due_dates_move_by_the_days_paused()
    {
        SetToday(Day(3, 2));
        var id = await SubmitAsync("MS-001"); // accepted Monday 2 March, due 9 March
        var clerk = Clerk(Market);
        Assert.Empty(await PassDailyAsync(Day(3, 2), Day(3, 4)));
        SetToday(Day(3, 5));
        await ChangeAsync(id, a => a.Suspend(SuspensionKind.Inspection, "site inspection", clerk, _host.Clock.GetUtcNow()));

        // 9 and 10 March would have brought the yellow and the red
        Assert.Empty(await PassDailyAsync(Day(3, 5), Day(3, 15)));

        SetToday(Day(3, 16));
        await ChangeAsync(id, a => a.Resume(null, clerk, _host.Clock.GetUtcNow(), Calendar));
        // paused 6, 9-13 and 16 March: 7 working days, so due 18 instead of 9 March
        Assert.Equal(Day(3, 18), (await ApplicationAsync(id)).PromisedDueOn);
        var raised = await PassDailyAsync(Day(3, 16), Day(3, 20));
        Assert.Equal(new Dictionary<DateOnly, List<string>>
        {
            [Day(3, 18)] = [$"Yellow Application {Market}"],
            [Day(3, 19)] = [$"Red Application {Market}"],
        }, raised);
        Assert.All(await WarningsAsync(), w => Assert.Equal(Day(3, 18), w.DueOn));
    }

    [Fact]
    public async Task A_joint_application_warns_each_department_that_has_not_decided_its_step()
    {
        SetToday(Day(3, 2));
        // HC-001 promises 15 working days: accepted Monday 2 March, 90% on Friday 20 March, due Monday 23 March
        var id = await SubmitAsync("HC-001");
        Assert.Equal(Day(3, 23), (await ApplicationAsync(id)).PromisedDueOn);

        var raised = await PassDailyAsync(Day(3, 2), Day(3, 25), async day =>
        {
            if (day == Day(3, 10))
                await ChangeAsync(id, a => a.DecideStep(null, Decision.Approve, null, Clerk(NaturalResources), _host.Clock.GetUtcNow(), Calendar));
            if (day == Day(3, 23))
                await ChangeAsync(id, a => a.DecideStep(null, Decision.Approve, null, Clerk(Emergency), _host.Clock.GetUtcNow(), Calendar));
        });

        Assert.Equal(new Dictionary<DateOnly, List<string>>
        {
            [Day(3, 20)] =
            [
                $"Yellow Application {Housing}",
                $"Yellow Step {Emergency}",
                $"Yellow Step {Housing}",
            ],
            // emergency management decided on the 23rd: only the department still deciding is late
            [Day(3, 24)] = [$"Red Application {Housing}", $"Red Step {Housing}"],
        }, raised);
        var events = (await OutboxAsync()).Cast<SlaWarningRaised>().ToList();
        Assert.DoesNotContain(events, e => e.DepartmentCode == NaturalResources);
        Assert.Equal(3, events.Count(e => e.Scope == "STEP"));
    }

    [Fact]
    public async Task An_overdue_certificate_is_warned_to_the_lead_department()
    {
        SetToday(Day(3, 2));
        var id = await SubmitAsync("MS-001");
        SetToday(Day(3, 3));
        await ChangeAsync(id, a => a.DecideStep(null, Decision.Approve, null, Clerk(Market), _host.Clock.GetUtcNow(), Calendar));

        // the certificate is due 10 working days after the decision: 17 March
        var raised = await PassDailyAsync(Day(3, 3), Day(3, 18));

        Assert.Equal(new Dictionary<DateOnly, List<string>>
        {
            [Day(3, 16)] = [$"Yellow Certificate {Market}"],
            [Day(3, 18)] = [$"Red Certificate {Market}"],
        }, raised);
    }

    /// <summary>
    /// MS-001 accepted on Monday 2 March, then approved, its certificate issued and the service rated by the applicant on
    /// Tuesday 3 March. A rating of 1 or 2 opens a rectification item, due 15 working days later: 24 March.
    /// </summary>
    private async Task<Guid> IssuedAndRatedAsync(int rating, string? comment = null)
    {
        SetToday(Day(3, 2));
        var id = await SubmitAsync("MS-001");
        var clerk = Clerk(Market);
        SetToday(Day(3, 3));
        await ChangeAsync(id, a =>
        {
            a.DecideStep(null, Decision.Approve, null, clerk, _host.Clock.GetUtcNow(), Calendar);
            a.IssueCertificate(clerk, _host.Clock.GetUtcNow());
            a.Evaluate(rating, comment, Citizen, _host.Clock.GetUtcNow(), Calendar);
        });
        return id;
    }

    [Fact]
    public async Task A_bad_ratings_rectification_is_supervised_until_it_is_closed()
    {
        var id = await IssuedAndRatedAsync(1, "rude at the counter");
        Assert.Equal(Day(3, 24), (await ApplicationAsync(id)).Rectification!.DueOn);

        var raised = await PassDailyAsync(Day(3, 3), Day(3, 26));
        Assert.Equal(new Dictionary<DateOnly, List<string>>
        {
            [Day(3, 23)] = [$"Yellow Rectification {Market}"],
            [Day(3, 25)] = [$"Red Rectification {Market}"],
        }, raised);
    }

    [Fact]
    public async Task A_rectification_closed_in_time_gets_no_red_warning()
    {
        var id = await IssuedAndRatedAsync(2);

        var raised = await PassDailyAsync(Day(3, 20), Day(3, 27), async day =>
        {
            if (day == Day(3, 24)) await ChangeAsync(id, a => a.CloseRectification("counter training", Clerk(Market), _host.Clock.GetUtcNow()));
        });

        Assert.Equal([Day(3, 23)], raised.Keys);
    }

    // ---- deemed acceptance -----------------------------------------------------------------------

    [Fact]
    public async Task Without_a_correction_notice_within_5_working_days_the_application_counts_as_accepted_on_the_day_received()
    {
        // handed in Thursday 12 February 2026. Working days after it: 13, Saturday 14 (make-up), (15-23 春节), 24, 25, 26 Feb:
        // the fifth is the 26th, so acceptance is deemed on the 27th
        SetToday(Day(2, 12));
        var received = _host.Clock.GetUtcNow();
        var id = await SubmitAsync("MS-001", accept: false);

        for (var day = Day(2, 12); day <= Day(2, 26); day = day.AddDays(1))
        {
            SetToday(day);
            Assert.Equal(0, (await PassAsync()).DeemedAccepted);
        }
        Assert.Equal(ApplicationStatus.Submitted, (await ApplicationAsync(id)).Status);
        Assert.Empty(await OutboxAsync());

        SetToday(Day(2, 27));
        var cache = _host.Services.GetRequiredService<HybridCache>();
        var key = ApprovalsGrpcService.ApplicationCacheKey(id);
        await cache.SetAsync(key, "stale: still submitted");
        var result = await PassAsync();

        Assert.Equal(1, result.DeemedAccepted);
        var application = await ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.InReview, application.Status);
        Assert.True(application.DeemedAccepted);
        Assert.Equal(received, application.AcceptedAt);
        Assert.Equal(Day(2, 12), application.ClockStartOn);
        Assert.Equal(Day(2, 26), application.PromisedDueOn);
        Assert.Equal(LedgerAction.DeemedAccepted, application.Ledger.MaxBy(l => l.Sequence)!.Action);
        Assert.Equal("fresh", await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("fresh")));

        var events = await OutboxAsync();
        var accepted = Assert.IsType<ApplicationAccepted>(events[0]);
        Assert.True(accepted.Deemed);
        Assert.Equal(id, accepted.ApplicationId);
        Assert.Equal(received, accepted.AcceptedAt);
        Assert.Equal(Day(2, 26), accepted.PromisedDueOn);
        // counted from the receipt day, the 5-day promise ran out yesterday: red at once, and no belated yellow
        var warning = Assert.IsType<SlaWarningRaised>(Assert.Single(events.Skip(1)));
        Assert.Equal(("RED", "APPLICATION", 6), (warning.Level, warning.Scope, warning.ElapsedWorkingDays));

        SetToday(Day(3, 2));
        Assert.Equal(new SlaPassResult(0, 0, 0, OpenWithRedWarning: 1), await PassAsync());
        Assert.Equal(2, (await OutboxAsync()).Count);
    }

    [Fact]
    public async Task An_application_with_a_correction_notice_is_not_deemed_accepted()
    {
        SetToday(Day(3, 2));
        var id = await SubmitAsync("MS-001", accept: false, complete: false);
        SetToday(Day(3, 3));
        await ChangeAsync(id, a => a.RequestCorrection([], null, Clerk(Market), _host.Clock.GetUtcNow(), Calendar));

        await PassDailyAsync(Day(3, 3), Day(3, 20));

        Assert.Equal(ApplicationStatus.CorrectionRequested, (await ApplicationAsync(id)).Status);
        Assert.Empty(await OutboxAsync());
    }

    // ---- listing warnings ------------------------------------------------------------------------

    private async Task<(SlaWarning Yellow, SlaWarning Red, SlaWarning Other)> SeedWarningsAsync()
    {
        SetToday(Day(3, 2));
        var food = await SubmitAsync("MS-001", district: "district-03");
        var subsidy = await SubmitAsync("HR-001", district: "district-04");
        SlaWarning Warning(Guid application, string matter, string department, WarningLevel level, int minutes) =>
            NewWarning(application, matter, department, level, _host.Clock.GetUtcNow().AddMinutes(minutes));
        var warnings = (Warning(food, "MS-001", Market, WarningLevel.Yellow, 1),
            Warning(food, "MS-001", Market, WarningLevel.Red, 2),
            Warning(subsidy, "HR-001", "dept-human-resources", WarningLevel.Red, 3));
        await _host.WithDbAsync(db =>
        {
            db.SlaWarnings.AddRange(warnings.Item1, warnings.Item2, warnings.Item3);
            return db.SaveChangesAsync();
        });
        return warnings;
    }

    private static SlaWarning NewWarning(Guid application, string matter, string department, WarningLevel level, DateTimeOffset raisedAt)
    {
        var warning = SlaWarning.Raise(application, matter, null, new SlaClock(WarningScope.Application, department, Day(3, 9), 5, 5), level, raisedAt);
        warning.TakePendingEvents(); // seeded for the listing: nothing to publish
        return warning;
    }

    private async Task<List<string>> ListAsync(Caller caller, ListWarningsRequest? request = null)
    {
        var response = await _host.ScopeAsync(services => services.GetRequiredService<SlaWarningQueries>()
            .ListAsync(request ?? new ListWarningsRequest(), caller, CancellationToken.None));
        return response.Warnings.Select(w => w.Id).ToList();
    }

    [Fact]
    public async Task Staff_see_their_own_departments_warnings_newest_first_and_not_another_departments()
    {
        var (yellow, red, _) = await SeedWarningsAsync();

        Assert.Equal([red.Id.ToString(), yellow.Id.ToString()], await ListAsync(Clerk(Market)));
        var supervisor = new Caller("sup-1", PlatformRoles.Supervisor, null, Market);
        Assert.Equal([red.Id.ToString(), yellow.Id.ToString()], await ListAsync(supervisor, new() { DepartmentCode = Market }));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListAsync(supervisor, new() { DepartmentCode = "dept-human-resources" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListAsync(Citizen));
    }

    [Fact]
    public async Task City_admins_see_every_warning_and_filter_by_department_and_level_district_admins_their_service_halls()
    {
        var (yellow, red, other) = await SeedWarningsAsync();

        Assert.Equal([other.Id.ToString(), red.Id.ToString(), yellow.Id.ToString()], await ListAsync(CityAdmin));
        Assert.Equal([other.Id.ToString()], await ListAsync(CityAdmin, new() { DepartmentCode = "dept-human-resources" }));
        Assert.Equal([other.Id.ToString(), red.Id.ToString()], await ListAsync(CityAdmin, new() { Level = ProtoWarningLevel.Red }));
        Assert.Equal([yellow.Id.ToString()], await ListAsync(CityAdmin, new() { DepartmentCode = Market, Level = ProtoWarningLevel.Yellow }));
        Assert.Equal([other.Id.ToString()], await ListAsync(new Caller("da-4", PlatformRoles.DistrictAdmin, "district-04", null)));
    }

    [Fact]
    public async Task Warnings_page_like_applications_and_bad_requests_name_their_fields()
    {
        var (yellow, red, other) = await SeedWarningsAsync();
        await using var scope = _host.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<SlaWarningQueries>();

        var first = await queries.ListAsync(new() { PageSize = 2 }, CityAdmin, CancellationToken.None);
        var second = await queries.ListAsync(new() { PageSize = 2, PageToken = first.NextPageToken }, CityAdmin, CancellationToken.None);

        Assert.Equal([other.Id.ToString(), red.Id.ToString()], first.Warnings.Select(w => w.Id));
        Assert.Equal([yellow.Id.ToString()], second.Warnings.Select(w => w.Id));
        Assert.Equal("", second.NextPageToken);
        var single = Assert.Single((await queries.ListAsync(new() { PageSize = 1 }, CityAdmin, CancellationToken.None)).Warnings);
        Assert.Equal((Contracts.V1.WarningScope.Application, ProtoWarningLevel.Red, "HR-001", "2026-03-09"),
            (single.Scope, single.Level, single.MatterCode, single.DueOn));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            queries.ListAsync(new() { Level = (ProtoWarningLevel)7, PageSize = -1 }, CityAdmin, CancellationToken.None));
        Assert.Equal(["level", "pageSize"], error.FieldErrors.Keys.Order());
        error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            queries.ListAsync(new() { PageToken = "garbage!" }, CityAdmin, CancellationToken.None));
        Assert.Equal(["pageToken"], error.FieldErrors.Keys);
    }

    // ---- the background service and its lock -----------------------------------------------------

    /// <summary>Counts lock attempts and released (finished) passes; can fail one attempt to stand for any error in a tick.</summary>
    private sealed class RecordingJobLock(IJobLock inner) : IJobLock
    {
        public SemaphoreSlim Attempts { get; } = new(0);
        public SemaphoreSlim Released { get; } = new(0);
        public bool FailNextAttempt { get; set; }

        public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken)
        {
            try
            {
                if (FailNextAttempt)
                {
                    FailNextAttempt = false;
                    throw new InvalidOperationException("the lock store fell over");
                }
                return await inner.TryAcquireAsync(name, lease, cancellationToken) is { } held ? new Handle(held, Released) : null;
            }
            finally
            {
                Attempts.Release();
            }
        }

        private sealed class Handle(IAsyncDisposable inner, SemaphoreSlim released) : IAsyncDisposable
        {
            public async ValueTask DisposeAsync()
            {
                await inner.DisposeAsync();
                released.Release();
            }
        }
    }

    private SlaSupervisor Supervisor(IJobLock jobLock) => new(_host.Services.GetRequiredService<IServiceScopeFactory>(), jobLock, _host.Clock,
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SlaSupervisor.IntervalKey] = "60" }).Build(),
        NullLogger<SlaSupervisor>.Instance, _host.Services.GetRequiredService<SlaMetrics>());

    /// <summary>
    /// Moves the fake clock on a minute at a time until <paramref name="signal"/> fires. The service starts its timer on a
    /// thread of its own, so the first minute may pass before the timer exists; the next one then ticks it.
    /// </summary>
    private async Task AdvanceUntilAsync(SemaphoreSlim signal)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await signal.WaitAsync(TimeSpan.FromMilliseconds(50)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the supervisor did not tick");
            _host.Clock.Advance(TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public async Task The_supervisor_runs_a_pass_when_the_clock_advances_and_skips_while_another_holds_the_lock()
    {
        SetToday(Day(3, 2));
        var id = await SubmitAsync("MS-001", accept: false); // Monday 2 March: deemed accepted on the 10th
        SetToday(Day(3, 10));
        var local = new LocalJobLock();
        var recording = new RecordingJobLock(local);
        using var supervisor = Supervisor(recording);
        Assert.Equal(TimeSpan.FromMinutes(1), supervisor.Interval);
        var elsewhere = await local.TryAcquireAsync(SlaSupervisor.LockName, SlaSupervisor.Lease, CancellationToken.None);
        Assert.NotNull(elsewhere);

        await supervisor.StartAsync(CancellationToken.None);
        try
        {
            await AdvanceUntilAsync(recording.Attempts);
            // the tick found the lock taken and returned without a pass
            Assert.Equal(ApplicationStatus.Submitted, (await ApplicationAsync(id)).Status);

            await elsewhere.DisposeAsync();
            await AdvanceUntilAsync(recording.Released);
            Assert.Equal(ApplicationStatus.InReview, (await ApplicationAsync(id)).Status);
            Assert.IsType<ApplicationAccepted>((await OutboxAsync())[0]);
        }
        finally
        {
            await supervisor.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_failed_tick_is_logged_and_the_next_one_runs_the_pass()
    {
        SetToday(Day(3, 2));
        var id = await SubmitAsync("MS-001", accept: false);
        SetToday(Day(3, 10));
        var recording = new RecordingJobLock(new LocalJobLock()) { FailNextAttempt = true };
        using var supervisor = Supervisor(recording);

        Assert.False(await supervisor.TryRunPassAsync(CancellationToken.None));
        await supervisor.StartAsync(CancellationToken.None);
        try
        {
            await AdvanceUntilAsync(recording.Released);
            Assert.Equal(ApplicationStatus.InReview, (await ApplicationAsync(id)).Status);
        }
        finally
        {
            await supervisor.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_local_lock_has_one_holder_per_name_until_it_is_released()
    {
        var jobLock = new LocalJobLock();

        var first = await jobLock.TryAcquireAsync("job-a", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await jobLock.TryAcquireAsync("job-a", TimeSpan.FromMinutes(1), CancellationToken.None));
        var other = await jobLock.TryAcquireAsync("job-b", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(other);

        await first.DisposeAsync();
        var second = await jobLock.TryAcquireAsync("job-a", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(second);
        await first.DisposeAsync(); // a late second release must not free the new holder's lock
        Assert.Null(await jobLock.TryAcquireAsync("job-a", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_redis_skips_the_turn_instead_of_failing_the_job()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=300,asyncTimeout=300,syncTimeout=300");
        var jobLock = new RedisJobLock(() => redis, NullLogger<RedisJobLock>.Instance);

        Assert.Null(await jobLock.TryAcquireAsync("approvals:sla-supervisor", TimeSpan.FromMinutes(1), CancellationToken.None));

        var neverConnected = new RedisJobLock(() => throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down"),
            NullLogger<RedisJobLock>.Instance);
        Assert.Null(await neverConnected.TryAcquireAsync("approvals:sla-supervisor", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public void The_lock_is_redis_when_a_connection_is_configured_and_local_otherwise_without_connecting_at_start()
    {
        using var local = new ServiceCollection().AddLogging().AddJobLock().BuildServiceProvider();
        Assert.IsType<LocalJobLock>(local.GetRequiredService<IJobLock>());

        using var shared = new ServiceCollection().AddLogging()
            .AddSingleton<IConnectionMultiplexer>(_ => throw new InvalidOperationException("connected at start-up"))
            .AddJobLock().BuildServiceProvider();
        Assert.IsType<RedisJobLock>(shared.GetRequiredService<IJobLock>());
    }
}
