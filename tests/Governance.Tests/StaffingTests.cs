using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Tests;

/// <summary>Posts (一人多岗), secondments (下沉) and the one-third rule, in the domain.</summary>
public sealed class StaffingTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 13, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2025, 3, 13);
    private static readonly Caller CityAdmin = Callers.CityAdmin();

    // ---- the one-third rule -------------------------------------------------------------------------

    [Theory]
    [InlineData(30, 10, true)]  // exactly a third
    [InlineData(30, 9, false)]  // one short
    [InlineData(31, 10, false)] // a third of 31 is 10.33: 10 people are not enough
    [InlineData(31, 11, true)]
    [InlineData(1, 0, false)]
    public void A_department_meets_the_rule_with_at_least_a_third_of_its_headcount_seconded(int headcount, int seconded, bool meets)
    {
        Assert.Equal(meets, OneThirdRule.Meets(headcount, seconded));
        var line = new SecondmentReportLine("dept-finance", headcount, seconded);
        Assert.Equal(meets, line.MeetsTarget);
        Assert.Equal(meets ? 0 : ((headcount + 2) / 3) - seconded, line.Shortfall);
    }

    [Fact]
    public void A_headcount_rise_that_takes_the_department_below_a_third_raises_SecondmentTargetMissed_once()
    {
        var row = DepartmentHeadcount.Set(null, "dept-finance", 30, 10, Today, CityAdmin, Now);
        Assert.Empty(row.TakePendingEvents()); // 10 of 30 meets it

        DepartmentHeadcount.Set(row, "dept-finance", 31, 10, Today, CityAdmin, Now);
        var missed = Assert.IsType<SecondmentTargetMissed>(Assert.Single(row.TakePendingEvents()));
        Assert.Equal(("dept-finance", 31, 10, Today), (missed.DepartmentCode, missed.Headcount, missed.Seconded, missed.On));

        DepartmentHeadcount.Set(row, "dept-finance", 33, 10, Today, CityAdmin, Now); // below already: no second warning
        Assert.Empty(row.TakePendingEvents());
    }

    [Fact]
    public void A_secondment_ending_takes_the_department_below_a_third_and_warns()
    {
        var row = DepartmentHeadcount.Set(null, "dept-finance", 6, 2, Today, CityAdmin, Now);
        row.NoteSecondedChange(3, 2, Today, Now); // 2 of 6 still meets it
        Assert.Empty(row.TakePendingEvents());
        row.NoteSecondedChange(2, 1, Today, Now);
        Assert.IsType<SecondmentTargetMissed>(Assert.Single(row.TakePendingEvents()));
    }

    [Fact]
    public void Only_a_city_admin_sets_a_headcount_and_it_must_be_positive()
    {
        Assert.Throws<ForbiddenException>(() => DepartmentHeadcount.Set(null, "dept-finance", 10, 0, Today, Callers.DistrictAdmin("district-03"), Now));
        var error = Assert.Throws<ValidationFailedException>(() => DepartmentHeadcount.Set(null, "dept-nowhere", 0, 0, Today, CityAdmin, Now));
        Assert.Equal(["departmentCode", "headcount"], error.FieldErrors.Keys.Order());
    }

    // ---- secondments --------------------------------------------------------------------------------

    private static SecondmentDraft Draft(DateOnly from, DateOnly? until = null, string district = "district-03") =>
        new("staff-li", "李明", "dept-market-supervision", district, "market-supervision", from, until);

    [Fact]
    public void Overlapping_secondments_of_one_person_are_refused()
    {
        var first = Secondment.Start(Draft(Today.AddDays(-30), Today.AddDays(30)), true, [], CityAdmin);

        Assert.Throws<ConflictException>(() => Secondment.Start(Draft(Today, null, "district-05"), true, [first], CityAdmin));
        Assert.Throws<ConflictException>(() => Secondment.Start(Draft(Today.AddDays(-60), Today.AddDays(-30), "district-05"), true, [first], CityAdmin));
        var after = Secondment.Start(Draft(Today.AddDays(31), null, "district-05"), true, [first], CityAdmin); // the day after it ends
        Assert.Equal(Today.AddDays(31), after.From);
    }

    [Fact]
    public void Ending_a_secondment_ends_its_module_post()
    {
        var secondment = Secondment.Start(Draft(Today.AddDays(-30)), true, [], CityAdmin);
        var post = Post.OfSecondment(secondment);
        Assert.True(post.IsActiveOn(Today));

        secondment.End(CityAdmin, Today.AddDays(-1), post);

        Assert.False(secondment.RunsOn(Today));
        Assert.False(post.IsActiveOn(Today));
        Assert.True(post.IsActiveOn(Today.AddDays(-1)));
        Assert.Throws<ValidationFailedException>(() => secondment.End(CityAdmin, Today.AddDays(-31), post)); // before it began
    }

    [Fact]
    public void A_transfer_ends_one_secondment_the_day_before_and_starts_the_next_linked_to_it()
    {
        var first = Secondment.Start(Draft(Today.AddDays(-30), Today.AddDays(60)), true, [], CityAdmin);
        var post = Post.OfSecondment(first);

        var next = first.TransferTo(CityAdmin, "district-05", true, "comprehensive-governance", Today, post, [first]);

        Assert.Equal((Today.AddDays(-1), next.Id), (first.Until!.Value, first.TransferredToId!.Value));
        Assert.Equal((Today, (DateOnly?)Today.AddDays(60), first.Id), (next.From, next.Until, next.TransferredFromId!.Value));
        Assert.Equal(("district-05", "comprehensive-governance", "dept-market-supervision"), (next.DistrictCode, next.ModuleCode, next.HomeDepartmentCode));
        Assert.False(post.IsActiveOn(Today));
        Assert.Throws<ConflictException>(() => first.End(CityAdmin, Today, post)); // act on the one it became
        // a district admin of the old district alone may not move the person into another district
        var other = Secondment.Start(Draft(Today.AddDays(-30)), true, [], CityAdmin);
        Assert.Throws<ForbiddenException>(() => other.TransferTo(Callers.DistrictAdmin("district-03"), "district-05", true,
            "market-supervision", Today, Post.OfSecondment(other), [other]));
    }

    // ---- posts and access ---------------------------------------------------------------------------

    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;

    private static Case DispatchedToModule(string module)
    {
        var c = Case.Report(Grids.InDistrict03, new CaseDraft(Grids.InDistrict03.Code, CaseSource.Citizen, "noise", "Music at 2 am.", []),
            Callers.Citizen(), Now);
        var admin = new CaseActor(CityAdmin, false);
        c.BeginVerification(admin, Now);
        c.File(admin, Now);
        c.Dispatch(admin, AssigneeKind.Module, module, Now, Calendar);
        return c;
    }

    [Fact]
    public void A_module_post_holder_works_the_cases_dispatched_to_that_module_whatever_their_role()
    {
        var c = DispatchedToModule("market-supervision");
        var seconded = Callers.Clerk("seconded-li", "dept-finance"); // a clerk of another department, seconded into the module
        var outsider = new CaseActor(seconded, false, InDispatchedModule: false);
        Assert.Throws<ForbiddenException>(() => c.Acknowledge(outsider, Now));

        var holder = new CaseActor(seconded, false, InDispatchedModule: true);
        c.Acknowledge(holder, Now);
        c.StartWork(holder, Now);
        c.MarkHandled(holder, "Spoke to the stall owner; the stall moved.", Now);
        Assert.Equal(CaseStatus.Handled, c.Status);
        Assert.Equal(seconded.Subject, c.HandlerId);
    }

    [Fact]
    public void A_deactivated_post_no_longer_counts_from_the_day_after_its_last_day()
    {
        var post = Posts.Module("staff-li", "market-supervision", Today.AddDays(-10));
        Assert.True(post.IsActiveOn(Today));

        post.Deactivate(CityAdmin, Today.AddDays(-1));

        Assert.False(post.IsActiveOn(Today));
        Assert.True(post.IsActiveOn(Today.AddDays(-1))); // it stays in the history
        Assert.Throws<ConflictException>(() => post.Deactivate(CityAdmin, Today));
        Assert.Throws<ForbiddenException>(() => Posts.Module("staff-wu", "market-supervision", Today).Deactivate(Callers.DistrictAdmin("district-05"), Today));
    }

    [Fact]
    public void A_post_names_a_known_place_for_its_kind()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Post.Add(
            new PostDraft(PostKind.Module, "district-03", null, null, "nowhere", "staff-li", "李明", Today), new PostPlace("district-03", null), false, CityAdmin));
        Assert.Equal("moduleCode", Assert.Single(error.FieldErrors.Keys));
        Assert.Throws<ConflictException>(() => Post.Add(
            new PostDraft(PostKind.DistrictOffice, "district-03", null, null, null, "staff-li", "李明", Today), new PostPlace("district-03", null), true, CityAdmin));
    }

    // ---- escalation owners and reassignment ---------------------------------------------------------

    [Fact]
    public void An_escalated_case_lands_on_the_owner_named_for_its_new_level_and_says_so_in_its_history_and_event()
    {
        var c = DispatchedToModule("market-supervision");
        c.TakePendingEvents();
        var later = Now.AddDays(30);

        Assert.True(c.TryEscalate(later, Calendar, level => level == EscalationLevel.Community ? "lead-zhang" : null));

        Assert.Equal("lead-zhang", c.OwnerId);
        Assert.Equal("lead-zhang", c.History[^1].OwnerId);
        var escalated = Assert.IsType<CaseEscalated>(Assert.Single(c.TakePendingEvents()));
        Assert.Equal(("COMMUNITY", "lead-zhang"), (escalated.Level, escalated.OwnerId));
    }

    [Fact]
    public void Reassignment_goes_to_a_holder_of_the_levels_post_and_is_written_in_the_history()
    {
        var c = DispatchedToModule("market-supervision");
        var admin = new CaseActor(Callers.DistrictAdmin("district-03"), false);
        c.Reassign(admin, "gw-zhao", true, "赵网格员熟悉情况", Now); // at grid level, to a member of the grid's team
        Assert.Equal("gw-zhao", c.OwnerId);
        c.TryEscalate(Now.AddDays(30), Calendar, _ => "lead-zhang");
        c.TakePendingEvents();

        var notHolder = Assert.Throws<ValidationFailedException>(() => c.Reassign(admin, "someone", false, "on leave", Now.AddDays(30)));
        Assert.Equal("ownerId", Assert.Single(notHolder.FieldErrors.Keys));
        Assert.Throws<ForbiddenException>(() => c.Reassign(new CaseActor(Callers.DistrictAdmin("district-05"), false), "lead-wang", true, "x", Now));

        c.Reassign(admin, "lead-wang", true, "张书记休假，改由王副书记督办", Now.AddDays(30));

        Assert.Equal("lead-wang", c.OwnerId);
        var line = c.History[^1];
        Assert.Equal(("lead-wang", "张书记休假，改由王副书记督办", admin.Caller.Subject), (line.OwnerId, line.Note, line.Actor));
        var reassigned = Assert.IsType<CaseReassigned>(Assert.Single(c.TakePendingEvents()));
        Assert.Equal(("lead-wang", "lead-zhang", "COMMUNITY"), (reassigned.OwnerId, reassigned.PreviousOwnerId, reassigned.Level));
        Assert.Throws<ConflictException>(() => c.Reassign(admin, "lead-wang", true, "again", Now.AddDays(30))); // has it already
    }

    [Fact]
    public void A_settled_case_cannot_be_reassigned()
    {
        var c = DispatchedToModule("market-supervision");
        c.TryEscalate(Now.AddDays(30), Calendar, _ => "lead-zhang");
        var admin = new CaseActor(CityAdmin, false);
        c.Acknowledge(admin, Now.AddDays(30));
        c.StartWork(admin, Now.AddDays(30));
        c.MarkHandled(admin, "fixed", Now.AddDays(30));
        c.VerifyHandling(new CaseActor(Callers.DistrictAdmin("district-03"), false), true, null, Now.AddDays(30));
        c.Close(admin, ClosureReason.Fixed, Now.AddDays(30), Calendar);

        Assert.Throws<ConflictException>(() => c.Reassign(admin, "lead-wang", true, "too late", Now.AddDays(31)));
    }

    [Fact]
    public void The_owner_and_the_handler_suggestion_go_to_the_least_loaded_ties_to_the_lower_person_id()
    {
        Assert.Equal("lead-a", DispatchSuggestion.Owner([("lead-c", 0), ("lead-b", 0), ("lead-a", 0), ("lead-0", 2)]));
        Assert.Null(DispatchSuggestion.Owner([]));

        var suggestion = DispatchSuggestion.SuggestHandler([
            new Workload(Posts.Module("staff-c", "market-supervision", Today.AddDays(-5)), 1),
            new Workload(Posts.Module("staff-b", "market-supervision", Today.AddDays(-5)), 1),
            new Workload(Posts.Module("staff-a", "market-supervision", Today.AddDays(5)), 0), // not yet held
            new Workload(Posts.Module("staff-d", "market-supervision", Today.AddDays(-5)), 3),
        ], Today);
        Assert.Equal("staff-b", suggestion!.Post.PersonId);
    }
}
