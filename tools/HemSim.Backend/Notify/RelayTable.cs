namespace HemSim.Backend.Notify;

/// <summary>
/// The broker's in-memory tables (sessions, registrations, events): entries keyed by a random id that vanish one
/// hour after they were made (docs/EXTERNAL-AUTH.md §5). Expired entries are dropped when the table is next touched,
/// so a lookup never sees one. A table holds at most <c>capacity</c> entries: when it is full, a new entry makes the
/// oldest one be dropped, because anyone may add entries (<c>GET /notify/session</c> needs no credentials) and
/// memory must stay bounded. Callers serialise access with <see cref="Gate"/>: an entry is read and then changed
/// (answered once), and that pair must not interleave with another request's.
/// </summary>
internal sealed class RelayTable<T>(TimeProvider time, int capacity = RelayTable<T>.DefaultCapacity) where T : class
{
    /// <summary>How long an entry lives (docs/EXTERNAL-AUTH.md §5: one hour).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Entries per table (docs/EXTERNAL-AUTH.md §5): plenty for a test rig, small enough to keep memory flat.</summary>
    public const int DefaultCapacity = 1024;

    private readonly Dictionary<string, (T Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public object Gate { get; } = new();

    public void Add(string id, T value)
    {
        Purge();
        if (_entries.Count >= capacity && !_entries.ContainsKey(id))
        {
            // Every entry lives the same hour, so the oldest is the one that expires first.
            _entries.Remove(_entries.MinBy(entry => entry.Value.Expires).Key);
        }
        _entries[id] = (value, time.GetUtcNow() + Lifetime);
    }

    public bool TryGet(string id, out T value)
    {
        Purge();
        bool found = _entries.TryGetValue(id, out var entry);
        value = entry.Value;
        return found;
    }

    public bool Remove(string id)
    {
        Purge();
        return _entries.Remove(id);
    }

    /// <summary>The live entries, for the app's "what is pending for me" question.</summary>
    public IReadOnlyList<KeyValuePair<string, T>> Live()
    {
        Purge();
        return [.. _entries.Select(entry => KeyValuePair.Create(entry.Key, entry.Value.Value))];
    }

    private void Purge()
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (string id in _entries.Where(entry => entry.Value.Expires <= now).Select(entry => entry.Key).ToList())
        {
            _entries.Remove(id);
        }
    }
}
