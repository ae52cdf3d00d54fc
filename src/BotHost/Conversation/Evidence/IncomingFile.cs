using ComplianceOs.Domain.Channels;

namespace ComplianceOs.BotHost.Conversation.Evidence;

/// <summary>
/// A file someone sent in chat, as the channel describes it: its name, which channel's source it is
/// (<see cref="FileSources"/>) and the reference that source fetches it by (a Teams download URL, a Slack file id).
/// Nothing is downloaded until the obligation and slot are known.
/// </summary>
public sealed record IncomingFile(string Name, string Source, string Reference);

/// <summary>Fetches the bytes of an <see cref="IncomingFile"/> for the person who sent it.</summary>
public interface IFileSource
{
    string Name { get; }

    /// <summary>The bytes as a stream, or the reason they cannot be had (expired link, not allowed, not found).</summary>
    Task<FetchedFile> OpenAsync(ResolvedIdentity identity, IncomingFile file, CancellationToken ct);
}

public sealed record FetchedFile(Stream? Content, string? Problem) : IAsyncDisposable
{
    /// <summary>A better name than the one the message gave, learnt from the download (a pasted image's type).</summary>
    public string? Name { get; init; }

    public static FetchedFile Failed(string problem) => new(null, problem);

    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>The registered file sources by name.</summary>
public sealed class FileSources(IEnumerable<IFileSource> sources)
{
    private readonly Dictionary<string, IFileSource> _byName = sources.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public Task<FetchedFile> OpenAsync(ResolvedIdentity identity, IncomingFile file, CancellationToken ct) =>
        _byName.TryGetValue(file.Source, out var source)
            ? source.OpenAsync(identity, file, ct)
            : Task.FromResult(FetchedFile.Failed("that file came from somewhere I cannot read"));
}
