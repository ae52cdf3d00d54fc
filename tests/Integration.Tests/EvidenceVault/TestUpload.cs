using System.Security.Cryptography;

namespace ComplianceOs.Integration.Tests.EvidenceVault;

/// <summary>
/// An upload as a sender could shape it: bytes handed out a few at a time (as a network stream does), optionally
/// claiming a length it does not have, and counting what the store actually read.
/// </summary>
public sealed class TestUpload(byte[] bytes, long? claimedLength = null, Action<long>? afterRead = null) : Stream
{
    private readonly Random _chunks = new(bytes.Length);
    private long _position;

    /// <summary>How many bytes the reader took.</summary>
    public long BytesRead => _position;

    public override bool CanRead => true;

    /// <summary>Seekable only when it claims a length, like a request body whose sender set Content-Length.</summary>
    public override bool CanSeek => claimedLength is not null;

    public override bool CanWrite => false;

    public override long Length => claimedLength ?? throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public static byte[] Bytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(Math.Min(buffer.Length, _chunks.Next(1, 70_000)), bytes.Length - _position);
        bytes.AsSpan((int)_position, n).CopyTo(buffer);
        _position += n;
        afterRead?.Invoke(_position);
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
