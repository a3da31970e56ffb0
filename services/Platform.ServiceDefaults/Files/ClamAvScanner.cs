using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Longgang.Platform.Files;

/// <summary>What the scanner said: nothing found, or the name of the signature that matched.</summary>
public sealed record ScanVerdict(string? Signature)
{
    public bool Infected => Signature is not null;
}

/// <summary>
/// A clamd client: the content is sent with <c>zINSTREAM</c> over TCP (chunks of a 4-byte big-endian length and the
/// bytes, ended by a zero length) and clamd answers <c>stream: OK</c> or <c>stream: &lt;signature&gt; FOUND</c>.
/// Configured by <c>Scanning:ClamAv</c> (<c>host:port</c>, clamd's port is 3310).
/// </summary>
public sealed class ClamAvScanner(string host, int port)
{
    public const string ConfigurationKey = "Scanning:ClamAv";
    private const int ChunkSize = 64 * 1024;

    public static ClamAvScanner Parse(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 && int.TryParse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? new ClamAvScanner(address[..colon], port)
            : new ClamAvScanner(address, 3310);
    }

    public async Task<ScanVerdict> ScanAsync(Stream content, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
        var network = client.GetStream();
        await network.WriteAsync("zINSTREAM\0"u8.ToArray(), cancellationToken);
        var buffer = new byte[4 + ChunkSize];
        int read;
        while ((read = await content.ReadAsync(buffer.AsMemory(4, ChunkSize), cancellationToken)) > 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
            await network.WriteAsync(buffer.AsMemory(0, 4 + read), cancellationToken);
        }
        BinaryPrimitives.WriteUInt32BigEndian(buffer, 0);
        await network.WriteAsync(buffer.AsMemory(0, 4), cancellationToken);

        // the answer ends with a NUL (the "z" of zINSTREAM); clamd closes the connection after it
        var reply = new MemoryStream();
        while ((read = await network.ReadAsync(buffer, cancellationToken)) > 0)
        {
            reply.Write(buffer, 0, read);
            if (buffer[read - 1] == 0) break;
        }
        var answer = Encoding.ASCII.GetString(reply.ToArray()).TrimEnd('\0', '\n');
        if (answer.EndsWith(" FOUND", StringComparison.Ordinal))
            return new ScanVerdict(answer["stream: ".Length..^" FOUND".Length]);
        if (answer.EndsWith(": OK", StringComparison.Ordinal)) return new ScanVerdict(null);
        // a size limit or a failure inside clamd: not a verdict, so the file is not accepted unscanned
        throw new IOException($"clamd answered: {answer}");
    }
}
