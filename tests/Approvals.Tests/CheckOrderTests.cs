using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Grpc;
using Longgang.Platform.Errors;
using Longgang.Platform.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Approvals.Tests.Callers;
using static Longgang.Approvals.Tests.Departments;

namespace Longgang.Approvals.Tests;

/// <summary>
/// Who first (403), then the input (400), then the state (409): a caller who may not act learns nothing about what is
/// wrong with the request.
/// </summary>
public sealed class CheckOrderTests : IAsyncLifetime
{
    private ApprovalsTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Defining_a_matter_refuses_another_departments_clerk_before_validating_the_draft()
    {
        // an existing code, a bad name and limits: 409 and 400 both apply, but this clerk may not define it at all
        var definition = new MatterDefinition { Code = "MS-001", DepartmentCode = Market, StatutoryLimitDays = -1 };

        await Assert.ThrowsAsync<ForbiddenException>(() => _host.CallAsync(Clerk(Housing), (s, c) => s.CreateMatter(definition, c)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _host.CallAsync(Clerk(Market), (s, c) => s.CreateMatter(definition, c)));
    }

    [Fact]
    public async Task Lists_refuse_a_role_that_may_not_list_before_validating_the_page()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.CallAsync(Citizen, (s, c) =>
            s.ListWarnings(new ListWarningsRequest { PageToken = "not-a-token" }, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.CallAsync(Citizen, (s, c) =>
            s.ListApplications(new ListApplicationsRequest { ApplicantId = "citizen-8", PageSize = -1 }, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.ScopeAsync(services =>
            new NotificationsGrpcService(services.GetRequiredService<ApprovalsDbContext>(), _host.Clock).ListNotifications(
                new ListNotificationsRequest { CitizenId = "citizen-7", PageToken = "not-a-token" }, new TestServerCallContext(Clerk(Market)))));
    }
}
