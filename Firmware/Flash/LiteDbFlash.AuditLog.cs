using System.Globalization;
using LiteDB;

namespace HemSim.Firmware.Flash;

/// <summary>
/// The audit log: lines go to the journal first and reach the <c>auditlog</c> collection in bulk, one
/// document per log file per move:
/// <code>
///   { _id: "fileId:firstSeq(hex)", file, seq: firstSeq, seqs: [seq…], lines: [line…] }
/// </code>
/// (LiteDB spends 10–20 µs on each document it inserts, about 1 µs per line in a chunk.) Flash files
/// written before the journal hold one document per line, <c>{ _id: ObjectId, file, seq, line }</c>;
/// reading accepts both and orders lines by sequence.
/// </summary>
internal sealed partial class LiteDbFlash
{
    public void AppendLogLine(string fileId, long sequence, string line)
    {
        lock (_logLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _journal.Append(fileId, sequence, line);
            if (_journal.Pending.Count >= _journalThreshold)
            {
                MoveJournal();
            }
        }
    }

    public IReadOnlyList<string> ListLogFiles()
    {
        lock (_logLock)
        {
            MoveJournal();
            return _log.Query().Select(d => d["file"].AsString).ToEnumerable().Distinct(StringComparer.Ordinal)
                .OrderBy(id => id, StringComparer.Ordinal).ToList();
        }
    }

    public IReadOnlyList<string> ReadLogFile(string fileId)
    {
        lock (_logLock)
        {
            MoveJournal();
            return _log.Find(Query.EQ("file", fileId)).SelectMany(LinesOf).OrderBy(l => l.Sequence)
                .Select(l => l.Line).ToList();
        }
    }

    /// <summary>
    /// Moves the journal into the log collection in one LiteDB transaction, then clears it. Idempotent:
    /// a chunk's id is its file and first sequence and chunks are upserted, so moving records again
    /// after a crash between the commit and the clearing replaces the chunk instead of duplicating it.
    /// </summary>
    private void MoveJournal()
    {
        if (_journal.Pending.Count == 0)
        {
            return;
        }
        var chunks = _journal.Pending.GroupBy(r => r.FileId, StringComparer.Ordinal).Select(ToChunk).ToList();
        // Upserting a sequence runs as one auto-committed transaction.
        _log.Upsert(chunks);
        _journal.Clear();
    }

    private static BsonDocument ToChunk(IGrouping<string, AuditRecord> records)
    {
        var first = records.First().Sequence;
        return new BsonDocument
        {
            ["_id"] = records.Key + ":" + first.ToString("x", CultureInfo.InvariantCulture),
            ["file"] = records.Key,
            ["seq"] = first,
            ["seqs"] = new BsonArray(records.Select(r => new BsonValue(r.Sequence))),
            ["lines"] = new BsonArray(records.Select(r => new BsonValue(r.Line))),
        };
    }

    private static IEnumerable<(long Sequence, string Line)> LinesOf(BsonDocument document)
    {
        if (!document.TryGetValue("lines", out var lines))
        {
            // One line per document: flash files from before the journal.
            yield return (document["seq"].AsInt64, document["line"].AsString);
            yield break;
        }
        var seqs = document["seqs"].AsArray;
        for (var i = 0; i < seqs.Count; i++)
        {
            yield return (seqs[i].AsInt64, lines.AsArray[i].AsString);
        }
    }
}
