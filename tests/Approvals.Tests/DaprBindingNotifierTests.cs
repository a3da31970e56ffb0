using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dapr.Client;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Longgang.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Longgang.Approvals.Tests;

/// <summary>
/// The notifier through the real Dapr SDK: a real <see cref="DaprClient"/> talking gRPC to an in-process fake
/// sidecar, so what is asserted is what a Dapr sidecar would receive.
/// </summary>
public sealed class DaprBindingNotifierTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeDaprSidecar _sidecar = new();

    public ValueTask InitializeAsync() => new(_sidecar.StartAsync(Ct));

    public ValueTask DisposeAsync() => _sidecar.DisposeAsync();

    [Fact]
    public async Task A_notification_invokes_the_configured_binding_with_create_and_the_notification_as_json()
    {
        using var dapr = new DaprClientBuilder().UseHttpEndpoint(_sidecar.Url).UseGrpcEndpoint(_sidecar.Url).Build();
        var notifier = new DaprBindingNotifier(dapr, "citizen-sms");

        await notifier.NotifyAsync(new CitizenNotification("citizen-7", "Application received", "We have received it."), Ct);

        var request = Assert.Single(_sidecar.Requests);
        Assert.Equal("citizen-sms", request.Name);
        Assert.Equal("create", request.Operation);
        using var data = JsonDocument.Parse(request.Data.Memory);
        Assert.Equal("citizen-7", data.RootElement.GetProperty("citizenId").GetString());
        Assert.Equal("Application received", data.RootElement.GetProperty("subject").GetString());
        Assert.Equal("We have received it.", data.RootElement.GetProperty("body").GetString());
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

            var reply = new InvokeBindingResponse().ToByteArray();
            var prefix = new byte[5];
            BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(1), reply.Length);
            context.Response.ContentType = "application/grpc";
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
