using System.Buffers.Binary;
using System.Text;

namespace ComplianceOs.Domain.EvidenceVault.Inspection;

/// <summary>One file in a ZIP as its central directory and local header describe it.</summary>
internal sealed record ZipEntry(
    string Name,
    ushort Flags,
    ushort Method,
    long CompressedSize,
    long UncompressedSize,
    long LocalHeaderOffset,
    long DataStart)
{
    public const ushort Stored = 0;

    public const ushort Deflated = 8;

    // Bit 0 is traditional encryption, bit 6 strong encryption; method 99 is WinZip AES.
    public bool IsEncrypted => (Flags & 0x0041) != 0 || Method == 99;
}

internal enum ZipFault
{
    None,
    Damaged,
    Zip64,
    TooManyEntries,
}

/// <summary>The outcome of reading a ZIP's directory: the directory, or what is wrong (<see cref="Detail"/> says
/// where, for a damaged one).</summary>
internal sealed record ZipDirectoryRead(ZipDirectory? Directory, ZipFault Fault, string Detail)
{
    public static ZipDirectoryRead Fail(ZipFault fault, string detail = "") => new(null, fault, detail);
}

/// <summary>
/// Reads a ZIP's structure straight from its bytes: the end-of-central-directory record, every central directory
/// entry, and every entry's local header, so the sizes and offsets used later are ones this code checked, not
/// ones a library trusted. Refuses what an Office file never is: ZIP64, split archives, trailing data, entries
/// listed twice, entries whose bytes overlap or whose local header names another file. Nothing here unpacks.
/// </summary>
internal sealed class ZipDirectory
{
    private const uint EndOfCentralDirectorySignature = 0x06054B50;
    private const uint Zip64LocatorSignature = 0x07064B50;
    private const uint CentralHeaderSignature = 0x02014B50;
    private const uint LocalHeaderSignature = 0x04034B50;
    private const int EndOfCentralDirectorySize = 22;
    private const int CentralHeaderSize = 46;
    private const int LocalHeaderSize = 30;

    private ZipDirectory(IReadOnlyList<ZipEntry> entries) => Entries = entries;

    /// <summary>The entries in central directory order.</summary>
    public IReadOnlyList<ZipEntry> Entries { get; }

    public static ZipDirectoryRead Read(Stream content, int maxEntries)
    {
        try
        {
            return ReadCore(content, maxEntries);
        }
        catch (EndOfStreamException)
        {
            return ZipDirectoryRead.Fail(ZipFault.Damaged, "its directory is cut short");
        }
    }

    private static ZipDirectoryRead ReadCore(Stream content, int maxEntries)
    {
        var length = content.Length;
        if (length < EndOfCentralDirectorySize)
        {
            return ZipDirectoryRead.Fail(ZipFault.Damaged, "it is too short to be a ZIP package");
        }

        // The record is 22 bytes plus a comment of at most 65,535; search backwards as ZIP readers do.
        var searchLength = (int)Math.Min(length, EndOfCentralDirectorySize + ushort.MaxValue);
        var tail = new byte[searchLength];
        ReadExactlyAt(content, length - searchLength, tail);
        var eocdInTail = -1;
        for (var i = searchLength - EndOfCentralDirectorySize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectorySignature)
            {
                eocdInTail = i;
                break;
            }
        }

        if (eocdInTail < 0)
        {
            return ZipDirectoryRead.Fail(ZipFault.Damaged, "it has no ZIP directory");
        }

        var eocd = tail.AsSpan(eocdInTail);
        var eocdOffset = length - searchLength + eocdInTail;
        var diskNumber = BinaryPrimitives.ReadUInt16LittleEndian(eocd[4..]);
        var directoryDisk = BinaryPrimitives.ReadUInt16LittleEndian(eocd[6..]);
        var entriesOnDisk = BinaryPrimitives.ReadUInt16LittleEndian(eocd[8..]);
        var totalEntries = BinaryPrimitives.ReadUInt16LittleEndian(eocd[10..]);
        var directorySize = BinaryPrimitives.ReadUInt32LittleEndian(eocd[12..]);
        var directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(eocd[16..]);
        var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(eocd[20..]);

        var hasZip64Locator = eocdInTail >= 20
            && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(eocdInTail - 20)) == Zip64LocatorSignature;
        if (hasZip64Locator || totalEntries == ushort.MaxValue || directorySize == uint.MaxValue
            || directoryOffset == uint.MaxValue)
        {
            return ZipDirectoryRead.Fail(ZipFault.Zip64);
        }

        if (diskNumber != 0 || directoryDisk != 0 || entriesOnDisk != totalEntries)
        {
            return ZipDirectoryRead.Fail(ZipFault.Damaged, "it is one part of a split archive");
        }

        if (totalEntries > maxEntries)
        {
            return ZipDirectoryRead.Fail(ZipFault.TooManyEntries, totalEntries.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        // Office writes nothing before the first entry, between the directory and its end record, or after it.
        if (eocdOffset + EndOfCentralDirectorySize + commentLength != length
            || (long)directoryOffset + directorySize != eocdOffset)
        {
            return ZipDirectoryRead.Fail(ZipFault.Damaged, "its directory does not match its layout");
        }

        var entries = new List<ZipEntry>(totalEntries);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var directory = new BinaryReader(new WindowStream(content, directoryOffset, directorySize));
        var consumed = 0L;
        for (var i = 0; i < totalEntries; i++)
        {
            var header = directory.ReadBytes(CentralHeaderSize);
            if (header.Length < CentralHeaderSize
                || BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralHeaderSignature)
            {
                return ZipDirectoryRead.Fail(ZipFault.Damaged, "its directory is damaged");
            }

            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(10));
            var compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(20));
            var uncompressedSize = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(24));
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            var commentLen = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            var startDisk = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(34));
            var localHeaderOffset = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(42));
            var nameBytes = directory.ReadBytes(nameLength);
            if (nameBytes.Length < nameLength || !Skip(directory, extraLength + commentLen))
            {
                return ZipDirectoryRead.Fail(ZipFault.Damaged, "its directory is cut short");
            }

            consumed += CentralHeaderSize + nameLength + extraLength + commentLen;
            if (compressedSize == uint.MaxValue || uncompressedSize == uint.MaxValue
                || localHeaderOffset == uint.MaxValue || startDisk == ushort.MaxValue)
            {
                return ZipDirectoryRead.Fail(ZipFault.Zip64);
            }

            // ZipArchive decodes names as UTF-8 whether or not bit 11 says so; decoding the same way keeps the
            // two readers comparable.
            var name = Encoding.UTF8.GetString(nameBytes);
            if (!names.Add(name))
            {
                return ZipDirectoryRead.Fail(ZipFault.Damaged, $"it lists {PartName.Describe(name)} twice");
            }

            var dataStart = ReadLocalHeader(content, localHeaderOffset, nameBytes, method, directoryOffset);
            if (dataStart < 0 || dataStart + compressedSize > directoryOffset)
            {
                return ZipDirectoryRead.Fail(ZipFault.Damaged, $"the entry for {PartName.Describe(name)} is damaged");
            }

            entries.Add(new ZipEntry(name, flags, method, compressedSize, uncompressedSize, localHeaderOffset, dataStart));
        }

        if (consumed != directorySize)
        {
            return ZipDirectoryRead.Fail(ZipFault.Damaged, "its directory has unexplained bytes");
        }

        // Entries sharing bytes are the trick behind "overlapping" zip bombs; no writer produces them.
        var byOffset = entries.OrderBy(e => e.LocalHeaderOffset).ToList();
        if (byOffset.Count > 0 && byOffset[0].LocalHeaderOffset != 0)
        {
            return ZipDirectoryRead.Fail(ZipFault.Damaged, "it has unexplained bytes before its first entry");
        }

        for (var i = 1; i < byOffset.Count; i++)
        {
            if (byOffset[i - 1].DataStart + byOffset[i - 1].CompressedSize > byOffset[i].LocalHeaderOffset)
            {
                return ZipDirectoryRead.Fail(ZipFault.Damaged, "its entries overlap");
            }
        }

        return new ZipDirectoryRead(new ZipDirectory(entries), ZipFault.None, string.Empty);
    }

    /// <summary>Where the entry's data starts, or -1 when its local header is missing or disagrees with the
    /// directory (another name or method: a reader walking local headers would see a different file).</summary>
    private static long ReadLocalHeader(
        Stream content, long offset, byte[] expectedName, ushort expectedMethod, long directoryOffset)
    {
        if (offset + LocalHeaderSize + expectedName.Length > directoryOffset)
        {
            return -1;
        }

        Span<byte> header = stackalloc byte[LocalHeaderSize];
        ReadExactlyAt(content, offset, header);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalHeaderSignature
            || BinaryPrimitives.ReadUInt16LittleEndian(header[8..]) != expectedMethod)
        {
            return -1;
        }

        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
        if (nameLength != expectedName.Length)
        {
            return -1;
        }

        var name = new byte[nameLength];
        ReadExactlyAt(content, offset + LocalHeaderSize, name);
        return name.AsSpan().SequenceEqual(expectedName) ? offset + LocalHeaderSize + nameLength + extraLength : -1;
    }

    private static bool Skip(BinaryReader reader, int count)
    {
        Span<byte> scratch = stackalloc byte[1024];
        while (count > 0)
        {
            var read = reader.Read(scratch[..Math.Min(count, scratch.Length)]);
            if (read == 0)
            {
                return false;
            }

            count -= read;
        }

        return true;
    }

    private static void ReadExactlyAt(Stream content, long offset, Span<byte> buffer)
    {
        content.Position = offset;
        content.ReadExactly(buffer);
    }
}
