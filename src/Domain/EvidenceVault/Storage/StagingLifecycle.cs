namespace ComplianceOs.Domain.EvidenceVault.Storage;

/// <summary>
/// Where one staging is: staged, being committed, committed, or abandoned. It keeps an abandon after a commit from
/// touching anything and a second commit of the same staging from being mistaken for a conflict.
/// </summary>
internal sealed class StagingLifecycle
{
    private const int Staged = 0;
    private const int Committing = 1;
    private const int Committed = 2;
    private const int Abandoned = 3;
    private int _state;

    /// <summary>Moves to committing; throws when the staging was already committed or abandoned (a caller's bug).</summary>
    public void BeginCommit(string key)
    {
        var was = Interlocked.CompareExchange(ref _state, Committing, Staged);
        if (was != Staged)
        {
            throw new InvalidOperationException(
                $"The staging for '{key}' is {(was == Abandoned ? "abandoned" : "already committed or being committed")}; stage again.");
        }
    }

    /// <summary>The commit did not happen: the staging can be committed again or abandoned.</summary>
    public void CommitFailed() => Volatile.Write(ref _state, Staged);

    public void CommitSucceeded() => Volatile.Write(ref _state, Committed);

    /// <summary>True when the caller should drop what was staged: it is neither committed nor already abandoned.</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Staged) == Staged;
}
