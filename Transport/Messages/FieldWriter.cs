using System.Buffers.Binary;
using System.Text;

namespace HemSim.Transport.Messages;

/// <summary>Writes the fixed part and the tag–length–value fields of a message into a span sized in advance.</summary>
internal ref struct FieldWriter
{
    private readonly Span<byte> _destination;
    private int _position;

    public FieldWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    public readonly int BytesWritten => _position;

    public static int SizeOf(string? text) => text is null ? 0 : FieldTag.FieldHeaderLength + Encoding.UTF8.GetByteCount(text);

    public static int SizeOf(ReadOnlyMemory<byte> bytes) => bytes.IsEmpty ? 0 : FieldTag.FieldHeaderLength + bytes.Length;

    public void WriteByte(byte value) => _destination[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_destination[_position..], value);
        _position += sizeof(ushort);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_destination[_position..], value);
        _position += sizeof(int);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_destination[_position..], value);
        _position += sizeof(uint);
    }

    /// <summary>Writes a text field; writes nothing for null (absent).</summary>
    public void WriteText(byte tag, string? text)
    {
        if (text is null)
        {
            return;
        }
        int length = Encoding.UTF8.GetBytes(text, _destination[(_position + FieldTag.FieldHeaderLength)..]);
        WriteFieldHeader(tag, length);
        _position += length;
    }

    /// <summary>Writes a byte field; an empty value is left out (absent and empty mean the same for bodies).</summary>
    public void WriteBytes(byte tag, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return;
        }
        WriteFieldHeader(tag, value.Length);
        value.CopyTo(_destination[_position..]);
        _position += value.Length;
    }

    private void WriteFieldHeader(byte tag, int length)
    {
        _destination[_position] = tag;
        BinaryPrimitives.WriteUInt32LittleEndian(_destination[(_position + 1)..], (uint)length);
        _position += FieldTag.FieldHeaderLength;
    }
}
