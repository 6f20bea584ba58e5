namespace HemSim.Transport.Messages;

/// <summary>
/// Response layout: <c>status:i32 · flags:u32 · deliverNotBeforeMs:u32</c> then fields — content type,
/// allowed origin, and the body last.
/// </summary>
internal static partial class MessageCodec
{
    private const int ResponseFixedLength = 12;

    private static int GetEncodedLength(ResponseMessage response) => checked(
        ResponseFixedLength
        + FieldWriter.SizeOf(response.ContentType)
        + FieldWriter.SizeOf(response.AllowedOrigin)
        + FieldWriter.SizeOf(response.Body));

    private static void Write(ref FieldWriter writer, ResponseMessage response)
    {
        writer.WriteInt32(response.Status);
        writer.WriteUInt32((uint)response.Flags);
        writer.WriteUInt32(response.DeliverNotBeforeMilliseconds);
        writer.WriteText((byte)ResponseField.ContentType, response.ContentType);
        writer.WriteText((byte)ResponseField.AllowedOrigin, response.AllowedOrigin);
        writer.WriteBytes((byte)ResponseField.Body, response.Body.Span);
    }

    private static MessageError TryDecodeResponse(ReadOnlySpan<byte> source, out ResponseMessage? response)
    {
        response = null;
        var reader = new FieldReader(source);
        if (!reader.TryReadInt32(out int status) || !reader.TryReadUInt32(out uint flags)
            || !reader.TryReadUInt32(out uint deliverNotBefore))
        {
            return MessageError.Truncated;
        }

        string? contentType = null, allowedOrigin = null;
        ReadOnlySpan<byte> body = default;
        while (!reader.IsAtEnd)
        {
            MessageError error = reader.ReadField(out byte tag, out ReadOnlySpan<byte> value);
            if (error != MessageError.None)
            {
                return error;
            }
            error = (ResponseField)tag switch
            {
                ResponseField.ContentType => Text(value, out contentType),
                ResponseField.AllowedOrigin => Text(value, out allowedOrigin),
                ResponseField.Body => Bytes(value, out body),
                _ => FieldReader.Unknown(tag),
            };
            if (error != MessageError.None)
            {
                return error;
            }
        }
        if (contentType is null)
        {
            return MessageError.MissingField;
        }

        response = new ResponseMessage(status, contentType, (ResponseMessageFlags)flags, deliverNotBefore, body.ToArray())
        {
            AllowedOrigin = allowedOrigin,
        };
        return MessageError.None;
    }
}
