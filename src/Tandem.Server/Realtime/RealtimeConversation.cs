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

    /// <summary>A snapshot of the items, for a response's context.</summary>
    public List<ConversationEntry> Snapshot() => [.. _items];
}
