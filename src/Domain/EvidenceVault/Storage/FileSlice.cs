using Microsoft.Win32.SafeHandles;

namespace ComplianceOs.Domain.EvidenceVault.Storage;

/// <summary>
/// A read-only, seekable window on part of a file, with its own handle: one block of a staged upload, sent from the
/// local copy (the page cache, just written) instead of from a buffer of its own, so blocks in flight cost no memory.
/// Seekable, so the Azure SDK can rewind it to retry a request.
/// </summary>
internal sealed class FileSlice : Stream
{
    private readonly SafeFileHandle _file;
    private readonly long _start;
    private readonly long _length;
    private long _position;

    public FileSlice(string path, long start, long length)
    {
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        _start = start;
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(_file, buffer[..wanted], _start + _position);
        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        var read = await RandomAccess.ReadAsync(_file, buffer[..wanted], _start + _position, cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => _length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Wanted(int room) => (int)Math.Min(room, Math.Max(0, _length - _position));
}
