namespace HemSim.Firmware.Platform;

/// <summary>
/// The device's non-volatile memory. Every method that writes has committed its change when it
/// returns, so a response that acknowledges a write never outruns it (ARCHITECTURE.md).
/// Secret key material reaches this port only sealed.
/// </summary>
internal interface IFlash : IDisposable
{
    /// <summary>Reads a named blob (configuration, identity, counters), or null when absent.</summary>
    byte[]? ReadBlob(string name);

    void WriteBlob(string name, byte[] value);

    void DeleteBlob(string name);

    /// <summary>All key-slot records in slot order.</summary>
    IReadOnlyList<KeySlotRecord> ReadSlots();

    /// <summary>Writes (inserts or replaces) the record of <see cref="KeySlotRecord.Slot"/>.</summary>
    void WriteSlot(KeySlotRecord record);

    /// <summary>Appends one line to an audit-log file, creating the file on its first line.</summary>
    void AppendLogLine(string fileId, long sequence, string line);

    /// <summary>Ids of all audit-log files, oldest first.</summary>
    IReadOnlyList<string> ListLogFiles();

    /// <summary>The lines of one audit-log file in order; empty when the file does not exist.</summary>
    IReadOnlyList<string> ReadLogFile(string fileId);

    /// <summary>A consistent copy of the whole flash image.</summary>
    byte[] Snapshot();

    /// <summary>Erases configuration, key slots and named blobs listed by the caller (factory wipe).</summary>
    void Wipe(IEnumerable<string> blobNames);
}

/// <summary>State of a key slot as stored in flash; values are persisted, never reuse one.</summary>
internal enum SlotState
{
    Used = 1,
    Deleted = 2,
}

/// <summary>One key-repository record as stored in flash (spec §12.1, §17).</summary>
internal sealed record KeySlotRecord
{
    public required int Slot { get; init; }
    public required SlotState State { get; init; }
    public required byte[] Kid { get; init; }
    /// <summary><c>Crypto.KeyType</c> as its stored integer.</summary>
    public required int KeyType { get; init; }
    /// <summary><c>Keystore.KeyFlags</c> as its stored integer.</summary>
    public required int Flags { get; init; }
    public required string Label { get; init; }
    public required byte[] Descr { get; init; }
    public required long Created { get; init; }
    public required long Updated { get; init; }
    /// <summary>Public key in the spec §17.5 encoding, or empty for symmetric keys.</summary>
    public required byte[] PublicKey { get; init; }
    /// <summary>Secret key material sealed under the secure-element secret, or empty for public-only records.</summary>
    public required byte[] SealedSecret { get; init; }
}
