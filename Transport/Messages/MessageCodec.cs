using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace HemSim.Transport.Messages;

/// <summary>
/// Encodes and decodes messages (PROTOCOL.md §6): a fixed little-endian part per kind followed by
/// tag–length–value fields. The triad <see cref="Encode"/> / <see cref="TryEncode"/> / <see cref="TryDecode(MessageKind, ReadOnlySpan{byte}, out Message?)"/>
/// follows System.Formats.Cbor's writer.
/// </summary>
internal static partial class MessageCodec
{
    /// <summary>Exact size of the encoding of <paramref name="message"/>.</summary>
    public static int GetEncodedLength(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message switch
        {
            RequestMessage request => GetEncodedLength(request),
            ResponseMessage response => GetEncodedLength(response),
            ControlMessage control => GetEncodedLength(control),
            ControlResultMessage result => GetEncodedLength(result),
            _ => throw new UnreachableException($"No codec for {message.GetType().Name}."),
        };
    }

    public static byte[] Encode(Message message)
    {
        var buffer = new byte[GetEncodedLength(message)];
        bool written = TryEncode(message, buffer, out int length);
        Debug.Assert(written && length == buffer.Length);
        return buffer;
    }

    /// <summary>
    /// Encodes into <paramref name="destination"/>; returns false, writing nothing, when it is too small.
    /// </summary>
    public static bool TryEncode(Message message, Span<byte> destination, out int bytesWritten)
    {
        int length = GetEncodedLength(message);
        if (destination.Length < length)
        {
            bytesWritten = 0;
            return false;
        }
        var writer = new FieldWriter(destination);
        switch (message)
        {
            case RequestMessage request:
                Write(ref writer, request);
                break;
            case ResponseMessage response:
                Write(ref writer, response);
                break;
            case ControlMessage control:
                Write(ref writer, control);
                break;
            case ControlResultMessage result:
                Write(ref writer, result);
                break;
            default:
                throw new UnreachableException();
        }
        Debug.Assert(writer.BytesWritten == length);
        bytesWritten = length;
        return true;
    }

    public static bool TryDecode(MessageKind kind, ReadOnlySpan<byte> source, [NotNullWhen(true)] out Message? message) =>
        TryDecode(kind, source, out message, out _);

    /// <summary>Decodes a message of <paramref name="kind"/>; on failure says why.</summary>
    public static bool TryDecode(MessageKind kind, ReadOnlySpan<byte> source, [NotNullWhen(true)] out Message? message,
        out MessageError error)
    {
        message = null;
        switch (kind)
        {
            case MessageKind.Request:
                error = TryDecodeRequest(source, out RequestMessage? request);
                message = request;
                break;
            case MessageKind.Response:
                error = TryDecodeResponse(source, out ResponseMessage? response);
                message = response;
                break;
            case MessageKind.Control:
                error = TryDecodeControl(source, out ControlMessage? control);
                message = control;
                break;
            case MessageKind.ControlResult:
                error = TryDecodeControlResult(source, out ControlResultMessage? result);
                message = result;
                break;
            default:
                error = MessageError.UnsupportedKind;
                break;
        }
        return error == MessageError.None;
    }
}
