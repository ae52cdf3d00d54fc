namespace ComplianceOs.Domain.EvidenceVault.Inspection;

/// <summary>The kinds of file the vault accepts, decided from the bytes, never from the name.</summary>
public enum EvidenceFileType
{
    Pdf,
    Png,
    Jpeg,
    Xlsx,
    Docx,
    Csv,
    Text,
}

/// <summary>
/// The verdict on a file: its type by content (and the content type to store), or why it is refused, in words a
/// user can act on ("the file is a Windows program, not a PDF").
/// </summary>
public sealed record InspectionResult(EvidenceFileType? Type, string? ContentType, string? Refusal)
{
    public bool Accepted => Type is not null;

    public static InspectionResult Accept(EvidenceFileType type, string contentType) => new(type, contentType, null);

    public static InspectionResult Refuse(string reason) => new(null, null, reason);
}

/// <summary>Decides what an uploaded file is from its bytes, and whether the vault takes it under its name.</summary>
public interface IContentInspector
{
    /// <summary>
    /// Inspects <paramref name="content"/> (seekable, non-empty, already size-limited) uploaded as
    /// <paramref name="fileName"/>. Accepts only when the bytes are one of the accepted kinds and the name's
    /// extension agrees with them; otherwise the result says why, in words a user can act on. Malformed content is
    /// a refusal, never an exception; the stream is left at position 0.
    /// </summary>
    InspectionResult Inspect(Stream content, string fileName);
}
