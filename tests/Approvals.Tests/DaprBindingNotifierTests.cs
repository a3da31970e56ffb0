using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dapr.Client;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Longgang.Approvals.Data;
using Longgang.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longgang.Approvals.Tests;

/// <summary>
/// The Dapr path through the real Dapr SDK: a real <see cref="DaprClient"/> talking gRPC to an in-process fake
/// sidecar, so what is asserted is what a Dapr sidecar would receive.
/// </summary>
public sealed class DaprBindingNotifierTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeDaprSidecar _sidecar = new();
    private DaprClient _dapr = null!;

    public async ValueTask InitializeAsync()
    {
        await _sidecar.StartAsync(Ct);
        _dapr = new DaprClientBuilder().UseHttpEndpoint(_sidecar.Url).UseGrpcEndpoint(_sidecar.Url).Build();
    }

    public async ValueTask DisposeAsync()
    {
        _dapr.Dispose();
        await _sidecar.DisposeAsync();
    }

    [Fact]
    public async Task A_notification_invokes_the_configured_binding_with_create_the_notification_as_json_and_its_subject_and_id_as_metadata()
    {
        var notifier = new DaprBindingNotifier(_dapr, "citizen-sms");
        var id = Guid.CreateVersion7();

        await notifier.NotifyAsync(id, new CitizenNotification("citizen-7", "Application received", "We have received it.",
            "APPLICATION_SUBMITTED", "0198a1b2-0000-7000-8000-000000000001"), null, Ct);

        var request = Assert.Single(_sidecar.Requests);
        Assert.Equal("citizen-sms", request.Name);
        Assert.Equal("create", request.Operation);
        using var data = JsonDocument.Parse(request.Data.Memory);
        Assert.Equal(id, data.RootElement.GetProperty("id").GetGuid());
        Assert.Equal("citizen-7", data.RootElement.GetProperty("citizenId").GetString());
        Assert.Equal("Application received", data.RootElement.GetProperty("subject").GetString());
        Assert.Equal("We have received it.", data.RootElement.GetProperty("body").GetString());
        Assert.Equal("APPLICATION_SUBMITTED", data.RootElement.GetProperty("kind").GetString());
        Assert.Equal("0198a1b2-0000-7000-8000-000000000001", data.RootElement.GetProperty("reference").GetString());
        Assert.Equal("Application received", request.Metadata["subject"]);
        Assert.Equal(id.ToString(), request.Metadata["notificationId"]);
    }

    [Fact]
    public async Task A_channel_goes_to_its_own_binding_the_answer_is_the_receipt_and_a_channel_without_one_is_listed_only()
    {
        _sidecar.Reply = new InvokeBindingResponse { Data = ByteString.CopyFromUtf8("{\"messageId\":\"sms-42\"}"), Metadata = { ["status"] = "queued" } };
        var notifier = new DaprBindingNotifier(_dapr, "notifications", new Dictionary<NotificationChannel, string> { [NotificationChannel.Sms] = "sms-binding" });
        var notification = new CitizenNotification("citizen-7", "申请已收件", "已收件。");

        var receipt = await notifier.NotifyAsync(Guid.CreateVersion7(), notification, NotificationChannel.Sms, Ct);
        var unbound = await notifier.NotifyAsync(Guid.CreateVersion7(), notification, NotificationChannel.Email, Ct);
        var inApp = await notifier.NotifyAsync(Guid.CreateVersion7(), notification, NotificationChannel.InApp, Ct);

        Assert.Equal("sms-binding", Assert.Single(_sidecar.Requests).Name);
        using var parsed = JsonDocument.Parse(receipt!);
        Assert.Equal("queued", parsed.RootElement.GetProperty("metadata").GetProperty("status").GetString());
        Assert.Contains("sms-42", parsed.RootElement.GetProperty("data").GetString());
        Assert.Null(unbound);
        Assert.Null(inApp);
    }

    [Fact]
    public async Task The_dispatcher_sends_stored_notifications_through_the_binding_and_keeps_them_while_the_sidecar_fails()
    {
        await using var host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var dispatcher = new NotificationDispatcher<ApprovalsDbContext>(host.Services.GetRequiredService<IServiceScopeFactory>(),
            new DaprBindingNotifier(_dapr, "notifications"), host.Clock, NullLogger<NotificationDispatcher<ApprovalsDbContext>>.Instance);
        await host.WithDbAsync(db =>
        {
            db.AddCitizenNotification(new CitizenNotification("citizen-7", "Certificate issued", "Number MS-002-1."), host.Clock.GetUtcNow());
            return db.SaveChangesAsync(Ct);
        });

        _sidecar.Unavailable = true;
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));
        var kept = await host.WithDbAsync(db => db.Notifications.SingleAsync(Ct));
        Assert.Null(kept.DeliveredAt);
        Assert.Equal(1, kept.Attempts);
        Assert.NotNull(kept.LastError);

        _sidecar.Unavailable = false;
        host.Clock.Advance(NotificationDispatcher<ApprovalsDbContext>.MaxRetryDelay);
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Ct));

        var delivered = await host.WithDbAsync(db => db.Notifications.SingleAsync(Ct));
        Assert.NotNull(delivered.DeliveredAt);
        // the failed attempt reached the sidecar too, with the same id: a receiver recognises the retry
        Assert.Equal(2, _sidecar.Requests.Count);
        Assert.All(_sidecar.Requests, r => Assert.Equal(delivered.Id.ToString(), r.Metadata["notificationId"]));
        Assert.All(_sidecar.Requests, r => Assert.Equal("notifications", r.Name));
    }
}

/// <summary>
/// Just the Dapr runtime's InvokeBinding gRPC method. Dapr.Client ships the runtime's client stub but no server
/// base, so the unary call is framed by hand: each message is a 1-byte compression flag, a 4-byte big-endian
/// length and the protobuf bytes; the status goes in the <c>grpc-status</c> trailer.
/// </summary>
internal sealed class FakeDaprSidecar : IAsyncDisposable
{
    private WebApplication? _app;

    public ConcurrentQueue<InvokeBindingRequest> Requests { get; } = new();
    /// <summary>Answers UNAVAILABLE, as a sidecar whose binding cannot reach its channel does.</summary>
    public bool Unavailable { get; set; }
    /// <summary>What the binding answers, as an SMS gateway answers its message id.</summary>
    public InvokeBindingResponse Reply { get; set; } = new();
    public string Url { get; private set; } = "";

    public async Task StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.MapPost("/dapr.proto.runtime.v1.Dapr/InvokeBinding", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var frame = body.ToArray();
            var length = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1, 4));
            Requests.Enqueue(InvokeBindingRequest.Parser.ParseFrom(frame, 5, length));
            context.Response.ContentType = "application/grpc";
            if (Unavailable)
            {
                context.Response.AppendTrailer("grpc-status", "14");
                context.Response.AppendTrailer("grpc-message", "binding notifications: connection refused");
                return;
            }

            var reply = Reply.ToByteArray();
            var prefix = new byte[5];
            BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(1), reply.Length);
            await context.Response.Body.WriteAsync(prefix, context.RequestAborted);
            await context.Response.Body.WriteAsync(reply, context.RequestAborted);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await _app.StartAsync(ct);
        Url = _app.Urls.Single();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
