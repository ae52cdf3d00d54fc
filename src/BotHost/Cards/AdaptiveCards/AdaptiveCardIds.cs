namespace ComplianceOs.BotHost.Cards.AdaptiveCards;

/// <summary>
/// Hands out the element and action ids of one card render. Adaptive Cards require ids to be
/// unique across the whole card (the official parser reports DuplicateId), and input ids are
/// chosen by handlers, so those are reserved first and generated ids step around them.
/// </summary>
internal sealed class AdaptiveCardIds
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private int _counter;

    /// <summary>Reserves a caller-chosen id; a duplicate is a bug in the card builder, so it throws.</summary>
    public void Reserve(string id)
    {
        if (!_taken.Add(id))
        {
            throw new ArgumentException($"The id '{id}' is used twice in the card; input ids must be unique.", nameof(id));
        }
    }

    /// <summary>Returns a fresh id such as "action-7" that no other element of this card has.</summary>
    public string Next(string kind)
    {
        while (true)
        {
            var id = $"{kind}-{++_counter}";
            if (_taken.Add(id))
            {
                return id;
            }
        }
    }
}
