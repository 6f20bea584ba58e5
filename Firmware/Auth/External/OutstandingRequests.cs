namespace HemSim.Firmware.Auth.External;

/// <summary>
/// Requests the device issued and still waits an answer for, by their <c>jti</c> text (docs/EXTERNAL-AUTH.md §3
/// step 2, §4 step 2): pairing nonces and approval requests. At most <see cref="Capacity"/> are outstanding; a new
/// one makes the oldest be forgotten, so a client looping on requests cannot grow memory. Lives in the boot state:
/// a reboot forgets them all (spec §4 "outstanding nonces … per boot"). Expiry is the caller's check, because the
/// two kinds count time differently.
/// </summary>
internal sealed class OutstandingRequests<T>
    where T : class
{
    public const int Capacity = 16;

    // Issue order, oldest first; at most 16 entries, so a list scan is the simplest correct index.
    private readonly List<(string Jti, T Entry)> _entries = [];

    public int Count => _entries.Count;

    public void Add(string jti, T entry)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.RemoveAt(0);
        }
        _entries.Add((jti, entry));
    }

    public bool TryGet(string jti, out T entry)
    {
        var index = IndexOf(jti);
        entry = index >= 0 ? _entries[index].Entry : null!;
        return index >= 0;
    }

    /// <summary>Forgets <paramref name="jti"/>; true when it was outstanding.</summary>
    public bool Remove(string jti)
    {
        var index = IndexOf(jti);
        if (index >= 0)
        {
            _entries.RemoveAt(index);
        }
        return index >= 0;
    }

    private int IndexOf(string jti) => _entries.FindIndex(e => string.Equals(e.Jti, jti, StringComparison.Ordinal));
}
