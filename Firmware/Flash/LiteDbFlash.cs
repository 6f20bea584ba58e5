using HemSim.Firmware.Platform;
using LiteDB;

namespace HemSim.Firmware.Flash;

/// <summary>
/// The simulated flash: one LiteDB file (or a memory stream for tests). This is the only code that
/// references LiteDB. Documents are mapped by hand so field names are a stable on-disk format.
/// </summary>
internal sealed class LiteDbFlash : IFlash
{
    private const string BlobCollection = "blobs";
    private const string SlotCollection = "keyslots";
    private const string LogCollection = "auditlog";

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _blobs;
    private readonly ILiteCollection<BsonDocument> _slots;
    private readonly ILiteCollection<BsonDocument> _log;

    private readonly Func<byte[]> _image;

    private LiteDbFlash(LiteDatabase db, Func<byte[]> image)
    {
        _image = image;
        _db = db;
        _blobs = db.GetCollection(BlobCollection);
        _slots = db.GetCollection(SlotCollection);
        _log = db.GetCollection(LogCollection);
        _log.EnsureIndex("file");
    }

    /// <summary>Opens (or creates) the flash file at <paramref name="path"/>.</summary>
    public static LiteDbFlash Open(string path)
    {
        // Direct mode: one process owns the device's flash, as one device owns its chip.
        var connection = new ConnectionString { Filename = path, Connection = ConnectionType.Direct };
        return new LiteDbFlash(new LiteDatabase(connection), () => ReadShared(path));
    }

    /// <summary>A flash that lives in memory for the lifetime of the object (tests, throw-away devices).</summary>
    public static LiteDbFlash InMemory()
    {
        var stream = new MemoryStream();
        return new LiteDbFlash(new LiteDatabase(stream), stream.ToArray);
    }

    public byte[] Snapshot()
    {
        // A checkpoint moves every committed page from the log into the data file, so the image is whole.
        _db.Checkpoint();
        return _image();
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

    public void AppendLogLine(string fileId, long sequence, string line) =>
        _log.Insert(new BsonDocument { ["file"] = fileId, ["seq"] = sequence, ["line"] = line });

    public IReadOnlyList<string> ListLogFiles() =>
        _log.Query().Select(d => d["file"].AsString).ToEnumerable().Distinct(StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> ReadLogFile(string fileId) =>
        _log.Find(Query.EQ("file", fileId)).OrderBy(d => d["seq"].AsInt64).Select(d => d["line"].AsString).ToList();

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

    public void Dispose() => _db.Dispose();

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
