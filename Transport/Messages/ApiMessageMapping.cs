using System.Runtime.InteropServices;
using HemSim.Firmware.Device;

namespace HemSim.Transport.Messages;

/// <summary>
/// Converts between the firmware's <see cref="ApiRequest"/>/<see cref="ApiResponse"/> and their wire twins.
/// Flags are mapped bit by bit, never cast, so the wire values stay fixed if the firmware enum changes.
/// </summary>
internal static class ApiMessageMapping
{
    public static RequestMessage ToMessage(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RequestMessage(request.Method, request.Path, request.IsTls, request.Body)
        {
            Authorization = request.Authorization,
            ContentType = request.ContentType,
            Origin = request.Origin,
            Host = request.Host,
            ContentDisposition = request.ContentDisposition,
        };
    }

    public static ApiRequest ToApiRequest(RequestMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ApiRequest(message.Method, message.Path, message.IsTls, ToArray(message.Body))
        {
            Authorization = message.Authorization,
            ContentType = message.ContentType,
            Origin = message.Origin,
            Host = message.Host,
            ContentDisposition = message.ContentDisposition,
        };
    }

    public static ResponseMessage ToMessage(ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new ResponseMessage(response.Status, response.ContentType, ToWire(response.Flags),
            ToMilliseconds(response.DeliverNotBefore), response.Body)
        {
            AllowedOrigin = response.AllowedOrigin,
        };
    }

    public static ApiResponse ToApiResponse(ResponseMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ApiResponse(message.Status, ToArray(message.Body))
        {
            ContentType = message.ContentType,
            Flags = FromWire(message.Flags),
            DeliverNotBefore = TimeSpan.FromMilliseconds(message.DeliverNotBeforeMilliseconds),
            AllowedOrigin = message.AllowedOrigin,
        };
    }

    /// <summary>
    /// Whole milliseconds, rounded up so that a response is never released early; negative means "now" and
    /// anything past the 32-bit range is capped (about 49 days).
    /// </summary>
    public static uint ToMilliseconds(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return 0;
        }
        long milliseconds = delay.Ticks / TimeSpan.TicksPerMillisecond
            + (delay.Ticks % TimeSpan.TicksPerMillisecond == 0 ? 0 : 1);
        return (uint)Math.Min(milliseconds, uint.MaxValue);
    }

    public static ResponseMessageFlags ToWire(ResponseFlags flags)
    {
        var wire = ResponseMessageFlags.None;
        foreach (ResponseFlags flag in Enum.GetValues<ResponseFlags>())
        {
            if (flag != ResponseFlags.None && flags.HasFlag(flag))
            {
                wire |= flag switch
                {
                    ResponseFlags.CloseConnection => ResponseMessageFlags.CloseConnection,
                    ResponseFlags.RebootAfterReply => ResponseMessageFlags.RebootAfterReply,
                    ResponseFlags.ShutdownAfterReply => ResponseMessageFlags.ShutdownAfterReply,
                    ResponseFlags.DropConnection => ResponseMessageFlags.DropConnection,
                    _ => throw new ArgumentOutOfRangeException(nameof(flags), flag, "Response flag has no wire value."),
                };
            }
        }
        return wire;
    }

    public static ResponseFlags FromWire(ResponseMessageFlags wire)
    {
        var flags = ResponseFlags.None;
        if (wire.HasFlag(ResponseMessageFlags.CloseConnection))
        {
            flags |= ResponseFlags.CloseConnection;
        }
        if (wire.HasFlag(ResponseMessageFlags.RebootAfterReply))
        {
            flags |= ResponseFlags.RebootAfterReply;
        }
        if (wire.HasFlag(ResponseMessageFlags.ShutdownAfterReply))
        {
            flags |= ResponseFlags.ShutdownAfterReply;
        }
        if (wire.HasFlag(ResponseMessageFlags.DropConnection))
        {
            flags |= ResponseFlags.DropConnection;
        }
        return flags;
    }

    /// <summary>A decoded body already sits in an array of its own; reuse it instead of copying 16 MiB again.</summary>
    private static byte[] ToArray(ReadOnlyMemory<byte> body) =>
        MemoryMarshal.TryGetArray(body, out ArraySegment<byte> segment)
        && segment.Array is { } array && segment.Offset == 0 && segment.Count == array.Length
            ? array
            : body.ToArray();
}
