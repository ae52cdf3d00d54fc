namespace ComplianceOs.Rag.Answering;

/// <summary>An answer from retrieved passages: the text (with [n] markers), its sources, and how it was written.</summary>
/// <param name="Generated">Written by the configured chat model (and checked); false when quoted from the passages.</param>
public sealed record PassageAnswer(string Text, IReadOnlyList<Citation> Citations, bool Generated);

/// <summary>What answering from passages came to: an answer, or a decline (nothing relevant enough was found).</summary>
public sealed record PassageOutcome(PassageAnswer? Answer, Decline? Decline);
