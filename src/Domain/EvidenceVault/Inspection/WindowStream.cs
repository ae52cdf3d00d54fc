namespace ComplianceOs.Domain.EvidenceVault.Inspection;

/// <summary>
/// A read-only view of <c>length</c> bytes of a seekable stream from <c>start</c>. Reading past the window gives
/// end of stream, so a decompressor over it can never consume more than the window. Disposing it leaves the
/// underlying stream open.
/// </summary>
internal sealed class WindowStream(Stream inner, long start, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var remaining = length - _position;
        if (remaining <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        // Seek every time: the inspector reads other parts of the same stream between reads of this window.
        inner.Position = start + _position;
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        _position += read;
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
