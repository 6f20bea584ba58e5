using HemSim.Transport.Control;

namespace HemSim.Transport.Messages;

/// <summary>
/// Control layout: <c>operation:u16</c> then the optional argument field. Control result layout:
/// <c>status:u16</c> then the optional data and detail fields.
/// </summary>
internal static partial class MessageCodec
{
    private static int GetEncodedLength(ControlMessage control) =>
        checked(sizeof(ushort) + FieldWriter.SizeOf(control.Argument));

    private static int GetEncodedLength(ControlResultMessage result) =>
        checked(sizeof(ushort) + FieldWriter.SizeOf(result.Data) + FieldWriter.SizeOf(result.Detail));

    private static void Write(ref FieldWriter writer, ControlMessage control)
    {
        writer.WriteUInt16((ushort)control.Operation);
        writer.WriteBytes((byte)ControlField.Argument, control.Argument.Span);
    }

    private static void Write(ref FieldWriter writer, ControlResultMessage result)
    {
        writer.WriteUInt16((ushort)result.Status);
        writer.WriteBytes((byte)ControlResultField.Data, result.Data.Span);
        writer.WriteText((byte)ControlResultField.Detail, result.Detail);
    }

    private static MessageError TryDecodeControl(ReadOnlySpan<byte> source, out ControlMessage? control)
    {
        control = null;
        var reader = new FieldReader(source);
        if (!reader.TryReadUInt16(out ushort operation))
        {
            return MessageError.Truncated;
        }
        ReadOnlySpan<byte> argument = default;
        while (!reader.IsAtEnd)
        {
            MessageError error = reader.ReadField(out byte tag, out ReadOnlySpan<byte> value);
            if (error == MessageError.None)
            {
                error = (ControlField)tag switch
                {
                    ControlField.Argument => Bytes(value, out argument),
                    _ => FieldReader.Unknown(tag),
                };
            }
            if (error != MessageError.None)
            {
                return error;
            }
        }
        // An unknown operation still decodes: the device answers it with Unsupported, not as malformed.
        control = new ControlMessage((ControlOperation)operation, argument.ToArray());
        return MessageError.None;
    }

    private static MessageError TryDecodeControlResult(ReadOnlySpan<byte> source, out ControlResultMessage? result)
    {
        result = null;
        var reader = new FieldReader(source);
        if (!reader.TryReadUInt16(out ushort status))
        {
            return MessageError.Truncated;
        }
        ReadOnlySpan<byte> data = default;
        string? detail = null;
        while (!reader.IsAtEnd)
        {
            MessageError error = reader.ReadField(out byte tag, out ReadOnlySpan<byte> value);
            if (error == MessageError.None)
            {
                error = (ControlResultField)tag switch
                {
                    ControlResultField.Data => Bytes(value, out data),
                    ControlResultField.Detail => Text(value, out detail),
                    _ => FieldReader.Unknown(tag),
                };
            }
            if (error != MessageError.None)
            {
                return error;
            }
        }
        result = new ControlResultMessage((ControlStatus)status, data.ToArray(), detail);
        return MessageError.None;
    }
}
