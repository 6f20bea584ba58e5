using System.Globalization;
using System.Text;

namespace HemSim.Firmware.Flash;

/// <summary>
/// The append-only journal of audit lines kept beside the LiteDB flash file, so that appending a line
/// costs one write instead of one LiteDB transaction. <see cref="LiteDbFlash"/> moves the records into
/// LiteDB in bulk and then clears the journal. One record per line, UTF-8:
/// <code>
///   fileId '\t' sequence (lower-case hex) '\t' line '\n'
/// </code>
/// <see cref="Append"/> hands the record to the OS before it returns (no fsync, the same promise LiteDB
/// gives here), so a process crash right after it loses nothing. A power loss can leave the last record
/// without its '\n': that record is torn and dropped when the journal is opened again.
/// </summary>
internal sealed class AuditJournal : IDisposable
{
    private const byte FieldSeparator = (byte)'\t';
    private const byte RecordTerminator = (byte)'\n';
    private const int MaxSequenceDigits = 16; // a long in hex

    private readonly Stream _stream;
    private readonly string? _path;             // null for an in-memory journal
    private readonly List<AuditRecord> _pending; // every intact record in the stream, in append order
    private byte[] _buffer = new byte[256];     // reused encoding buffer, grown on demand
    private bool _disposed;

    private AuditJournal(Stream stream, string? path, List<AuditRecord> pending)
    {
        _stream = stream;
        _path = path;
        _pending = pending;
    }

    /// <summary>Records appended (or recovered) and not yet cleared, in append order.</summary>
    public IReadOnlyList<AuditRecord> Pending => _pending;

    /// <summary>
    /// Opens (or creates) the journal at <paramref name="path"/> and recovers its intact records. A torn
    /// tail is cut off, so the next record starts on a clean boundary.
    /// </summary>
    public static AuditJournal Open(string path)
    {
        // Unbuffered: each record is one write system call, and nothing waits in a user-space buffer.
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var pending = Parse(bytes, out var intactLength);
            if (intactLength < bytes.Length)
            {
                stream.SetLength(intactLength);
            }
            stream.Position = intactLength;
            return new AuditJournal(stream, path, pending);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>A journal that lives in memory (for a flash that does).</summary>
    public static AuditJournal InMemory() => new(new MemoryStream(), path: null, []);

    /// <summary>
    /// Appends one record and hands it to the OS. Throws <see cref="ArgumentException"/>, writing
    /// nothing, when <paramref name="fileId"/> or <paramref name="line"/> holds a tab or a newline.
    /// </summary>
    public void Append(string fileId, long sequence, string line)
    {
        ThrowIfBreaksFraming(fileId, nameof(fileId));
        ThrowIfBreaksFraming(line, nameof(line));
        ObjectDisposedException.ThrowIf(_disposed, this);

        var length = Encode(fileId, sequence, line);
        var start = _stream.Position;
        try
        {
            _stream.Write(_buffer, 0, length);
            _stream.Flush();
        }
        catch (IOException)
        {
            // Cut a partial record off, or the next one would be glued to it.
            _stream.SetLength(start);
            _stream.Position = start;
            throw;
        }
        _pending.Add(new AuditRecord(fileId, sequence, line));
    }

    /// <summary>Empties the journal, once its records are safely elsewhere.</summary>
    public void Clear()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.SetLength(0);
        _stream.Position = 0;
        _pending.Clear();
    }

    /// <summary>Closes the journal; an empty journal file is deleted, one still holding records is kept.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _stream.Dispose();
        if (_path is not null && _pending.Count == 0)
        {
            File.Delete(_path);
        }
    }

    /// <summary>
    /// The records of a journal image. Bytes after the last '\n' are a torn record and are not part of
    /// <paramref name="intactLength"/>; a terminated record that does not parse (garbage a power loss
    /// can leave) is skipped, never fatal.
    /// </summary>
    internal static List<AuditRecord> Parse(ReadOnlySpan<byte> image, out int intactLength)
    {
        var records = new List<AuditRecord>();
        intactLength = 0;
        var rest = image;
        int end;
        while ((end = rest.IndexOf(RecordTerminator)) >= 0)
        {
            if (TryParseRecord(rest[..end], out var record))
            {
                records.Add(record);
            }
            rest = rest[(end + 1)..];
            intactLength += end + 1;
        }
        return records;
    }

    private static bool TryParseRecord(ReadOnlySpan<byte> record, out AuditRecord parsed)
    {
        parsed = default;
        var first = record.IndexOf(FieldSeparator);
        if (first < 0)
        {
            return false;
        }
        var afterFileId = record[(first + 1)..];
        var second = afterFileId.IndexOf(FieldSeparator);
        if (second < 0)
        {
            return false;
        }
        var line = afterFileId[(second + 1)..];
        if (line.Contains(FieldSeparator)
            || !long.TryParse(afterFileId[..second], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }
        parsed = new AuditRecord(Encoding.UTF8.GetString(record[..first]), sequence, Encoding.UTF8.GetString(line));
        return true;
    }

    private int Encode(string fileId, long sequence, string line)
    {
        var maxLength = checked(Encoding.UTF8.GetMaxByteCount(fileId.Length + line.Length) + MaxSequenceDigits + 3);
        if (_buffer.Length < maxLength)
        {
            _buffer = new byte[Math.Max(maxLength, _buffer.Length * 2)];
        }
        var span = _buffer.AsSpan();
        var length = Encoding.UTF8.GetBytes(fileId, span);
        span[length++] = FieldSeparator;
        sequence.TryFormat(span[length..], out var digits, "x", CultureInfo.InvariantCulture);
        length += digits;
        span[length++] = FieldSeparator;
        length += Encoding.UTF8.GetBytes(line, span[length..]);
        span[length++] = RecordTerminator;
        return length;
    }

    private static void ThrowIfBreaksFraming(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.AsSpan().IndexOfAny('\t', '\n') >= 0)
        {
            throw new ArgumentException("Audit-journal fields cannot contain a tab or a newline.", paramName);
        }
    }
}

/// <summary>One audit line as the journal holds it.</summary>
internal readonly record struct AuditRecord(string FileId, long Sequence, string Line);
