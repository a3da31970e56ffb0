using System.Buffers;
using Google.Protobuf;
using Microsoft.Extensions.Caching.Hybrid;

namespace Longgang.Platform.Hosting;

/// <summary>Lets HybridCache store gRPC messages in their compact binary form instead of JSON.</summary>
public sealed class ProtobufCacheSerializerFactory : IHybridCacheSerializerFactory
{
    public bool TryCreateSerializer<T>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        serializer = typeof(IMessage).IsAssignableFrom(typeof(T)) && typeof(T).GetConstructor(Type.EmptyTypes) is not null
            ? (IHybridCacheSerializer<T>)Activator.CreateInstance(typeof(ProtobufCacheSerializer<>).MakeGenericType(typeof(T)))!
            : null;
        return serializer is not null;
    }
}

internal sealed class ProtobufCacheSerializer<T> : IHybridCacheSerializer<T> where T : IMessage<T>, new()
{
    private static readonly MessageParser<T> Parser = new(() => new T());

    public T Deserialize(ReadOnlySequence<byte> source) => Parser.ParseFrom(source);

    public void Serialize(T value, IBufferWriter<byte> target) => value.WriteTo(target);
}
