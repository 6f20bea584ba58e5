using HemSim.Firmware.Platform;
using LiteDB;

namespace HemSim.Firmware.Flash;

/// <summary>
/// The simulated flash: one LiteDB file (or a memory stream for tests). This is the only code that
/// references LiteDB. Documents are mapped by hand so field names are a stable on-disk format.
/// </summary>
/// <remarks>
/// Audit lines take a shortcut: a LiteDB insert is one transaction of about ten page writes (~260 µs),
/// and every crypto operation writes a line. <see cref="AppendLogLine"/> therefore appends the line to an
/// <see cref="AuditJournal"/> beside the LiteDB file (<c>&lt;path&gt;-audit.journal</c>), handed to the OS
/// before it returns just as a LiteDB commit is. The journal moves into the <c>auditlog</c> collection in
/// one transaction (one document per log file, see <c>LiteDbFlash.AuditLog.cs</c>) when it reaches its
/// threshold, before the log is read or the flash snapshotted, on dispose, and on open (recovery after a
/// crash); the move is idempotent. Wipe leaves the log alone, journal included.
/// </remarks>
internal sealed partial class LiteDbFlash : IFlash
{
    /// <summary>Journal records that trigger a move into LiteDB (about 150 kB of lines).</summary>
    public const int DefaultJournalThreshold = 1024;

    private const string BlobCollection = "blobs";
    private const string SlotCollection = "keyslots";
    private const string LogCollection = "auditlog";

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _blobs;
    private readonly ILiteCollection<BsonDocument> _slots;
    private readonly ILiteCollection<BsonDocument> _log;

    // The device runs on one thread, but tests read the log from another: the journal and every move
    // out of it happen under this lock, and so do log reads, so a reader never misses a moved line.
    private readonly Lock _logLock = new();
    private readonly AuditJournal _journal;
    private readonly int _journalThreshold;
    private bool _disposed;

    private readonly Func<byte[]> _image;

    private LiteDbFlash(LiteDatabase db, AuditJournal journal, Func<byte[]> image, int journalThreshold)
    {
        _image = image;
        _db = db;
        _journal = journal;
        _journalThreshold = journalThreshold;
        _blobs = db.GetCollection(BlobCollection);
        _slots = db.GetCollection(SlotCollection);
        _log = db.GetCollection(LogCollection);
        _log.EnsureIndex("file");
    }

    /// <summary>
    /// Opens (or creates) the flash file at <paramref name="path"/> and its audit journal, moving any
    /// lines a crash left in the journal into the flash file.
    /// </summary>
    public static LiteDbFlash Open(string path, int journalThreshold = DefaultJournalThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(journalThreshold, 1);
        // Direct mode: one process owns the device's flash, as one device owns its chip.
        var connection = new ConnectionString { Filename = path, Connection = ConnectionType.Direct };
        var db = new LiteDatabase(connection);
        AuditJournal journal;
        try
        {
            journal = AuditJournal.Open(JournalPath(path));
        }
        catch
        {
            db.Dispose();
            throw;
        }
        return Start(db, journal, () => ReadShared(path), journalThreshold);
    }

    /// <summary>A flash that lives in memory for the lifetime of the object (tests, throw-away devices).</summary>
    public static LiteDbFlash InMemory(int journalThreshold = DefaultJournalThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(journalThreshold, 1);
        var stream = new MemoryStream();
        return Start(new LiteDatabase(stream), AuditJournal.InMemory(), stream.ToArray, journalThreshold);
    }

    /// <summary>The audit journal that belongs to the flash file at <paramref name="flashPath"/>.</summary>
    public static string JournalPath(string flashPath) => flashPath + "-audit.journal";

    private static LiteDbFlash Start(LiteDatabase db, AuditJournal journal, Func<byte[]> image, int journalThreshold)
    {
        var flash = new LiteDbFlash(db, journal, image, journalThreshold);
        try
        {
            flash.MoveJournal();
        }
        catch
        {
            flash.Dispose();
            throw;
        }
        return flash;
    }

    public byte[] Snapshot()
    {
        lock (_logLock)
        {
            MoveJournal();
            // A checkpoint moves every committed page from the log into the data file, so the image is whole.
            _db.Checkpoint();
            return _image();
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var image = new byte[file.Length];
        file.ReadExactly(image);
        return image;
    }

    public byte[]? ReadBlob(string name) => _blobs.FindById(name)?["value"].AsBinary;

    public void WriteBlob(string name, byte[] value) =>
        _blobs.Upsert(new BsonDocument { ["_id"] = name, ["value"] = value });

    public void DeleteBlob(string name) => _blobs.Delete(name);

    public IReadOnlyList<KeySlotRecord> ReadSlots() =>
        _slots.FindAll().Select(ToRecord).OrderBy(r => r.Slot).ToList();

    public void WriteSlot(KeySlotRecord record) => _slots.Upsert(ToDocument(record));

    public void Wipe(IEnumerable<string> blobNames)
    {
        _db.BeginTrans();
        foreach (var name in blobNames)
        {
            _blobs.Delete(name);
        }
        _slots.DeleteAll();
        _db.Commit();
    }

    public void Dispose()
    {
        lock (_logLock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            try
            {
                // Lines that cannot be moved now stay in the journal for the next open.
                MoveJournal();
            }
            finally
            {
                _journal.Dispose();
                _db.Dispose();
            }
        }
    }

    private static BsonDocument ToDocument(KeySlotRecord r) => new()
    {
        ["_id"] = r.Slot,
        ["state"] = (int)r.State,
        ["kid"] = r.Kid,
        ["type"] = r.KeyType,
        ["flags"] = r.Flags,
        ["label"] = r.Label,
        ["descr"] = r.Descr,
        ["created"] = r.Created,
        ["updated"] = r.Updated,
        ["pub"] = r.PublicKey,
        ["sealed"] = r.SealedSecret,
    };

    private static KeySlotRecord ToRecord(BsonDocument d) => new()
    {
        Slot = d["_id"].AsInt32,
        State = (SlotState)d["state"].AsInt32,
        Kid = d["kid"].AsBinary,
        KeyType = d["type"].AsInt32,
        Flags = d["flags"].AsInt32,
        Label = d["label"].AsString,
        Descr = d["descr"].AsBinary,
        Created = d["created"].AsInt64,
        Updated = d["updated"].AsInt64,
        PublicKey = d["pub"].AsBinary,
        SealedSecret = d["sealed"].AsBinary,
    };
}
