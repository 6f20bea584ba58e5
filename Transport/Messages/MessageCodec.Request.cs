namespace HemSim.Transport.Messages;

/// <summary>
/// Request layout: <c>flags:u8</c> (bit 0 = arrived over TLS) then fields — method, path, the optional
/// headers, and the body last so a reader can stop before it.
/// </summary>
internal static partial class MessageCodec
{
    private const byte RequestTlsFlag = 0x01;

    private static int GetEncodedLength(RequestMessage request) => checked(
        1
        + FieldWriter.SizeOf(request.Method)
        + FieldWriter.SizeOf(request.Path)
        + FieldWriter.SizeOf(request.Authorization)
        + FieldWriter.SizeOf(request.ContentType)
        + FieldWriter.SizeOf(request.Origin)
        + FieldWriter.SizeOf(request.Host)
        + FieldWriter.SizeOf(request.ContentDisposition)
        + FieldWriter.SizeOf(request.Body));

    private static void Write(ref FieldWriter writer, RequestMessage request)
    {
        writer.WriteByte(request.IsTls ? RequestTlsFlag : (byte)0);
        writer.WriteText((byte)RequestField.Method, request.Method);
        writer.WriteText((byte)RequestField.Path, request.Path);
        writer.WriteText((byte)RequestField.Authorization, request.Authorization);
        writer.WriteText((byte)RequestField.ContentType, request.ContentType);
        writer.WriteText((byte)RequestField.Origin, request.Origin);
        writer.WriteText((byte)RequestField.Host, request.Host);
        writer.WriteText((byte)RequestField.ContentDisposition, request.ContentDisposition);
        writer.WriteBytes((byte)RequestField.Body, request.Body.Span);
    }

    private static MessageError TryDecodeRequest(ReadOnlySpan<byte> source, out RequestMessage? request)
    {
        request = null;
        var reader = new FieldReader(source);
        if (!reader.TryReadByte(out byte flags))
        {
            return MessageError.Truncated;
        }

        string? method = null, path = null, authorization = null, contentType = null, origin = null, host = null,
            contentDisposition = null;
        ReadOnlySpan<byte> body = default;
        while (!reader.IsAtEnd)
        {
            MessageError error = reader.ReadField(out byte tag, out ReadOnlySpan<byte> value);
            if (error != MessageError.None)
            {
                return error;
            }
            error = (RequestField)tag switch
            {
                RequestField.Method => Text(value, out method),
                RequestField.Path => Text(value, out path),
                RequestField.Authorization => Text(value, out authorization),
                RequestField.ContentType => Text(value, out contentType),
                RequestField.Origin => Text(value, out origin),
                RequestField.Host => Text(value, out host),
                RequestField.ContentDisposition => Text(value, out contentDisposition),
                RequestField.Body => Bytes(value, out body),
                _ => FieldReader.Unknown(tag),
            };
            if (error != MessageError.None)
            {
                return error;
            }
        }
        if (method is null || path is null)
        {
            return MessageError.MissingField;
        }

        request = new RequestMessage(method, path, (flags & RequestTlsFlag) != 0, body.ToArray())
        {
            Authorization = authorization,
            ContentType = contentType,
            Origin = origin,
            Host = host,
            ContentDisposition = contentDisposition,
        };
        return MessageError.None;
    }

    private static MessageError Text(ReadOnlySpan<byte> value, out string? text)
    {
        bool valid = FieldReader.TryReadText(value, out string decoded);
        text = decoded;
        return valid ? MessageError.None : MessageError.InvalidText;
    }

    private static MessageError Bytes(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> bytes)
    {
        bytes = value;
        return MessageError.None;
    }
}
