using System.Buffers.Binary;

namespace ComplianceOs.Benchmarks.Evidence;

/// <summary>
/// A PDF as the vault's inspection sees one — <c>%PDF-1.4\n</c>, pseudo-random bytes, <c>\n%%EOF\n</c> — produced as
/// it is read, never held whole: a forward-only, non-seekable stream of exactly <c>length</c> bytes, like a download
/// from a chat connector. The middle is a counter-mode SplitMix64 of the seed (8 bytes per word, keyed by the word's
/// position), so the same seed always gives the same bytes however the reader cuts its reads, a different seed gives
/// a different SHA-256, and nothing in it compresses. About 2 GB/s on one core: a small, equal cost in both methods.
/// </summary>
public sealed class PdfGeneratorStream : Stream
{
    private static ReadOnlySpan<byte> Header => "%PDF-1.4\n"u8;

    private static ReadOnlySpan<byte> Trailer => "\n%%EOF\n"u8;

    private readonly long _length;
    private readonly ulong _seed;
    private long _position;

    public PdfGeneratorStream(long length, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, Header.Length + Trailer.Length);
        _length = length;
        _seed = (ulong)seed * 0x9E3779B97F4A7C15UL ^ 0xD1B54A32D192ED03UL;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("a generated upload has no length until it ends");

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, _length - _position);
        var middleEnd = _length - Trailer.Length;
        for (var done = 0; done < count;)
        {
            var at = _position + done;
            var target = buffer[done..count];
            int n;
            if (at < Header.Length)
            {
                n = Math.Min(target.Length, Header.Length - (int)at);
                Header.Slice((int)at, n).CopyTo(target);
            }
            else if (at < middleEnd)
            {
                n = (int)Math.Min(target.Length, middleEnd - at);
                FillMiddle(at - Header.Length, target[..n]);
            }
            else
            {
                var t = (int)(at - middleEnd);
                n = Math.Min(target.Length, Trailer.Length - t);
                Trailer.Slice(t, n).CopyTo(target);
            }

            done += n;
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(buffer.AsSpan(offset, count)));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Bytes of the random middle from <paramref name="offset"/> (relative to its start) into <paramref name="target"/>.</summary>
    private void FillMiddle(long offset, Span<byte> target)
    {
        Span<byte> word = stackalloc byte[8];
        var index = offset >> 3;
        var skip = (int)(offset & 7);
        var i = 0;
        if (skip != 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, Word(index++));
            var n = Math.Min(8 - skip, target.Length);
            word.Slice(skip, n).CopyTo(target);
            i = n;
        }

        for (; i + 8 <= target.Length; i += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(target[i..], Word(index++));
        }

        if (i < target.Length)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, Word(index));
            word[..(target.Length - i)].CopyTo(target[i..]);
        }
    }

    private ulong Word(long index)
    {
        var z = _seed + ((ulong)index * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
