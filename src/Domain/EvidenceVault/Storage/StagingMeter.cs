using System.Security.Cryptography;

namespace ComplianceOs.Domain.EvidenceVault.Storage;

/// <summary>
/// Reads an upload, hashing (SHA-256) and counting the bytes as they arrive, and never reads more than one byte past the
/// limit: a sender's Content-Length or <see cref="Stream.Length"/> is a claim, the bytes are the fact.
/// </summary>
internal sealed class StagingMeter(long maxBytes) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Bytes read so far (at most <c>maxBytes + 1</c>).</summary>
    public long Size { get; private set; }

    /// <summary>More than the limit arrived: the upload must be refused.</summary>
    public bool TooLarge => Size > maxBytes;

    /// <summary>
    /// Fills <paramref name="buffer"/> from <paramref name="content"/> until it is full, the stream ends, or the limit is
    /// passed (check <see cref="TooLarge"/>). Returns how many bytes were put in the buffer; 0 at the end of the stream.
    /// </summary>
    public async ValueTask<int> FillAsync(Stream content, Memory<byte> buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length && !TooLarge)
        {
            // Ask for no more than one byte past the limit, so a lying stream costs us at most that.
            var room = buffer.Length - filled;
            var untilLimit = maxBytes - Size;
            var want = untilLimit < room ? (int)untilLimit + 1 : room;
            var read = await content.ReadAsync(buffer.Slice(filled, want), ct);
            if (read == 0)
            {
                break;
            }

            _hash.AppendData(buffer.Span.Slice(filled, read));
            filled += read;
            Size += read;
        }

        return filled;
    }

    /// <summary>Lower-case hex SHA-256 of everything read.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
