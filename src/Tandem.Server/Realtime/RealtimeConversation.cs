namespace Tandem.Server.Realtime;

/// <summary>
/// The ordered items of a session's default conversation. Not thread-safe: the session touches it
/// only under its gate.
/// </summary>
internal sealed class RealtimeConversation
{
    private readonly List<ConversationEntry> _items = [];

    public string Id { get; } = Voice.Realtime.Protocol.RealtimeIds.NewConversationId();

    public int Count => _items.Count;

    public IReadOnlyList<ConversationEntry> Items => _items;

    /// <summary>The id of the last item (where a new item goes by default), or null when empty.</summary>
    public string? LastId => _items.Count == 0 ? null : _items[^1].Id;

    public ConversationEntry? Find(string id) => _items.Find(e => e.Id == id);

    public bool Contains(string id) => Find(id) is not null;

    /// <summary>
    /// Adds <paramref name="entry"/> after <paramref name="previousItemId"/> (<c>root</c>: first; null: last)
    /// and returns the id of the item before it (null when it is first).
    /// </summary>
    public string? Insert(ConversationEntry entry, string? previousItemId = null)
    {
        int index;
        if (previousItemId is null)
        {
            index = _items.Count;
        }
        else if (previousItemId == "root")
        {
            index = 0;
        }
        else
        {
            index = _items.FindIndex(e => e.Id == previousItemId) + 1;
            if (index == 0)
            {
                throw new KeyNotFoundException(previousItemId);
            }
        }

        _items.Insert(index, entry);
        return index == 0 ? null : _items[index - 1].Id;
    }

    public bool Remove(string id) => _items.RemoveAll(e => e.Id == id) > 0;

    /// <summary>
    /// Lets go of the audio of all but the last <paramref name="keep"/> items that hold audio: an
    /// hour of speech is ~170 MB of 24 kHz PCM16, and only recent items are retrieved or truncated.
    /// Their transcripts and what the models heard stay.
    /// </summary>
    public void TrimAudio(int keep)
    {
        var seen = 0;
        for (var i = _items.Count - 1; i >= 0; i--)
        {
            if (_items[i].Audio is not null && ++seen > keep)
            {
                _items[i].Audio = null;
            }
        }
    }

    /// <summary>A snapshot of the items, for a response's context.</summary>
    public List<ConversationEntry> Snapshot() => [.. _items];
}
