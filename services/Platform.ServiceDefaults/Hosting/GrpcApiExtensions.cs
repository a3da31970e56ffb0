using Longgang.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longgang.Platform;

public static class GrpcApiExtensions
{
    /// <summary>gRPC with JSON transcoding (every RPC is also a REST route), the domain-error mapping and the NUL-character check.</summary>
    public static WebApplicationBuilder AddGrpcApi(this WebApplicationBuilder builder)
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(GrpcErrorInterceptor))) return builder;
        builder.Services.TryAddSingleton<GrpcErrorInterceptor>();
        // a gRPC call without a valid token: grpc-status 16 in the trailers, not a bare HTTP 401
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<GrpcErrorInterceptor>();
            // inside the error mapping, so its refusal is a 400 naming the field
            options.Interceptors.Add<NulCharacterInterceptor>();
            options.MaxReceiveMessageSize = 1024 * 1024;
        }).AddJsonTranscoding(options =>
        {
            // error details (field violations) are Any-packed: the JSON writer must know their types
            options.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(Google.Rpc.BadRequest.Descriptor);
            // proto3's JSON mapping: int64 as a string, which JavaScript clients read without losing precision
            options.JsonSettings.WriteInt64sAsStrings = true;
            // presence (docs/api.md): a field without presence (a plain scalar, a repeated field) is always written,
            // so clients can rely on it; "no value" is said by leaving out a proto3 optional or message field, which
            // transcoding does whatever this says
            options.JsonSettings.IgnoreDefaultValues = false;
        });
        return builder;
    }
}
