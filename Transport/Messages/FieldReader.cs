using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace HemSim.Transport.Messages;

/// <summary>
/// Reads the fixed part and then the fields of a message. Every method returns false instead of reading
/// past the end, so a truncated or hostile message is rejected without an exception.
/// </summary>
internal ref struct FieldReader
{
    private readonly ReadOnlySpan<byte> _source;
    private int _position;
    private ulong _seen;    // bit n set once tag n (below 0x40) has been read; all known tags are below 0x40

    public FieldReader(ReadOnlySpan<byte> source)
    {
        _source = source;
        _position = 0;
        _seen = 0;
    }

    public readonly bool IsAtEnd => _position == _source.Length;

    public bool TryReadByte(out byte value)
    {
        if (_source.Length - _position < 1)
        {
            value = 0;
            return false;
        }
        value = _source[_position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (!BinaryPrimitives.TryReadUInt16LittleEndian(_source[_position..], out value))
        {
            return false;
        }
        _position += sizeof(ushort);
        return true;
    }

    public bool TryReadInt32(out int value)
    {
        if (!BinaryPrimitives.TryReadInt32LittleEndian(_source[_position..], out value))
        {
            return false;
        }
        _position += sizeof(int);
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        if (!BinaryPrimitives.TryReadUInt32LittleEndian(_source[_position..], out value))
        {
            return false;
        }
        _position += sizeof(uint);
        return true;
    }

    /// <summary>Reads the next field's tag and value; <see cref="MessageError.None"/> on success.</summary>
    public MessageError ReadField(out byte tag, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryReadByte(out tag) || !TryReadUInt32(out uint length))
        {
            return MessageError.Truncated;
        }
        if (length > (uint)(_source.Length - _position))
        {
            return MessageError.Truncated;
        }
        value = _source.Slice(_position, (int)length);
        _position += (int)length;

        if (tag < 64)
        {
            ulong bit = 1UL << tag;
            if ((_seen & bit) != 0)
            {
                return MessageError.DuplicateField;
            }
            _seen |= bit;
        }
        return MessageError.None;
    }

    public static bool TryReadText(ReadOnlySpan<byte> value, out string text)
    {
        if (!Utf8.IsValid(value))
        {
            text = string.Empty;
            return false;
        }
        text = Encoding.UTF8.GetString(value);
        return true;
    }

    /// <summary>What an unknown tag means: skip it when it is marked ignorable, else reject the message.</summary>
    public static MessageError Unknown(byte tag) =>
        tag >= FieldTag.FirstIgnorable ? MessageError.None : MessageError.UnknownField;
}
