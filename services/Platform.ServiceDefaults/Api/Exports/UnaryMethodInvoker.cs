using System.Linq.Expressions;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Longgang.Platform.Api.Exports;

/// <summary>
/// Calls a unary gRPC method of a service class in-process, through the interceptors every gRPC call goes through
/// (the error mapping, the NUL check), with a call context that carries the HTTP request: the method sees the same
/// caller, culture and cancellation as a transcoded call, so its access checks and scoping are its own.
/// </summary>
internal abstract class UnaryMethodInvoker
{
    public abstract Task<IMessage> InvokeAsync(IMessage request, HttpContext http, string method);

    public static UnaryMethodInvoker For(Type serviceType, Type requestType, Type responseType, string methodName)
    {
        var invoker = typeof(UnaryMethodInvoker<,>).MakeGenericType(requestType, responseType);
        return (UnaryMethodInvoker)Activator.CreateInstance(invoker, serviceType, methodName)!;
    }
}

internal sealed class UnaryMethodInvoker<TRequest, TResponse> : UnaryMethodInvoker
    where TRequest : class, IMessage where TResponse : class, IMessage
{
    private readonly Type _serviceType;
    private readonly Func<object, TRequest, ServerCallContext, Task<TResponse>> _call;

    public UnaryMethodInvoker(Type serviceType, string methodName)
    {
        _serviceType = serviceType;
        var method = serviceType.GetMethod(methodName, [typeof(TRequest), typeof(ServerCallContext)])
                     ?? throw new InvalidOperationException($"{serviceType.Name} has no method {methodName}({typeof(TRequest).Name}, ServerCallContext).");
        // a compiled call rather than MethodInfo.Invoke, so an exception thrown before the method's first await is not
        // wrapped in a TargetInvocationException the error mapping would not recognise
        var (service, request, context) = (Expression.Parameter(typeof(object)), Expression.Parameter(typeof(TRequest)), Expression.Parameter(typeof(ServerCallContext)));
        _call = Expression.Lambda<Func<object, TRequest, ServerCallContext, Task<TResponse>>>(
            Expression.Call(Expression.Convert(service, serviceType), method, request, context), service, request, context).Compile();
    }

    public override async Task<IMessage> InvokeAsync(IMessage request, HttpContext http, string method)
    {
        var services = http.RequestServices;
        var created = services.GetService(_serviceType) is null;
        var service = ActivatorUtilities.GetServiceOrCreateInstance(services, _serviceType);
        try
        {
            UnaryServerMethod<TRequest, TResponse> call = (r, c) => _call(service, r, c);
            // the global interceptors, outermost first, as gRPC applies them
            foreach (var registration in services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value.Interceptors.Reverse())
            {
                var interceptor = (Interceptor)(services.GetService(registration.Type)
                                                ?? ActivatorUtilities.CreateInstance(services, registration.Type, registration.Arguments.ToArray()));
                var inner = call;
                call = (r, c) => interceptor.UnaryServerHandler(r, c, inner);
            }
            return await call((TRequest)request, new HttpServerCallContext(http, method));
        }
        finally
        {
            if (created && service is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else if (created && service is IDisposable disposable) disposable.Dispose();
        }
    }
}

/// <summary>
/// A call context over an HTTP request. Grpc.AspNetCore's <c>GetHttpContext()</c> reads the request from
/// <c>UserState["__HttpContext"]</c> when the context is not its own (ServerCallContextExtensions, 2.85).
/// </summary>
internal sealed class HttpServerCallContext(HttpContext http, string method) : ServerCallContext
{
    private readonly Dictionary<object, object> _userState = new() { ["__HttpContext"] = http };

    protected override string MethodCore => method;
    protected override string HostCore => http.Request.Host.Value ?? "";
    protected override string PeerCore => http.Connection.RemoteIpAddress?.ToString() ?? "";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore { get; } = [];
    protected override CancellationToken CancellationTokenCore => http.RequestAborted;
    protected override Metadata ResponseTrailersCore { get; } = [];
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore { get; } = new(null, new Dictionary<string, List<AuthProperty>>());
    protected override IDictionary<object, object> UserStateCore => _userState;
    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
