using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Approvals.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// Issue 24: a staff member's read of a citizen's application is recorded, and on PostgreSQL the record can be neither
/// changed nor removed (the PersonalDataReads migration's triggers), whatever a service's code might try.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PersonalDataReadsOnPostgresTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_clerks_read_is_recorded_and_the_record_can_be_neither_changed_nor_deleted()
    {
        platform.RequireDocker();
        var citizen = $"citizen-{Guid.NewGuid():N}";
        var clerk = $"clerk-{Guid.NewGuid():N}";
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/approvals/v1/applications")
        {
            Content = JsonContent.Create(new
            {
                matterCode = "MS-002", applicantName = "Chen Jing", channel = "CHANNEL_ONLINE",
                materials = new[] { "application form", "identity card" },
            }),
        };
        submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.IssueToken(PlatformRoles.Citizen, citizen));
        using var submitted = await platform.Gateway.SendAsync(submit);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var applicationId = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/approvals/v1/applications/{applicationId}");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            platform.IssueToken(PlatformRoles.Clerk, clerk, department: "dept-market-supervision"));
        using var answered = await platform.Gateway.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);

        await using var scope = platform.Approvals.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        Assert.True(db.Database.IsNpgsql());
        var record = await db.PersonalDataReads.AsNoTracking().SingleAsync(r => r.CitizenId == citizen);
        Assert.Equal((clerk, PlatformRoles.Clerk, "application", applicationId), (record.Reader, record.ReaderRole, record.RecordType, record.RecordId));

        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE personal_data_reads SET \"Reader\" = 'nobody' WHERE \"Id\" = {record.Id}"));
        Assert.Contains("append-only", update.MessageText);
        var delete = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM personal_data_reads WHERE \"Id\" = {record.Id}"));
        Assert.Contains("append-only", delete.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE personal_data_reads"));
        Assert.Equal(clerk, (await db.PersonalDataReads.AsNoTracking().SingleAsync(r => r.Id == record.Id)).Reader);
    }
}
