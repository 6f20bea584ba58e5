using System.Buffers.Binary;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Checkin;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S3 <c>GET /api/system/checkin</c> and S4 <c>POST /api/system/checkin</c> (spec §11.3, §11.4, §8). No token,
/// plain HTTP allowed, works uninitialised and while a fault is latched (spec §20.2).
/// <para>GET: 200 <c>{"check": JWS}</c> (<see cref="CheckToken"/>); its <c>jti</c> is recorded as a single-use
/// check-in nonce for 60 s.</para>
/// <para>POST <c>{"checked": JWS}</c>: 400 when the body is not a JSON object or <c>checked</c> is missing or not
/// a string; 401 when the token does not verify (<see cref="CheckedToken"/>: signature, untrusted issuer, unknown,
/// expired or used nonce), with nothing changed. 200 <c>{"status": letter}</c>: the RTC is set from <c>iat</c>
/// (audit <c>RTC_SET / OK</c>, data = 4-byte little-endian time), then the action is carried out only when config
/// <c>trusted_backend</c> is on (<see cref="CheckinActions"/>). The letter is reported either way.</para>
/// </summary>
internal static class SystemCheckin
{
    public static readonly EndpointDescriptor GetDescriptor = new(
        "GET", "/api/system/checkin", Access.Public, EndpointFlags.AllowedWhileFaulted, HandleGet);

    public static readonly EndpointDescriptor PostDescriptor = new(
        "POST", "/api/system/checkin", Access.Public, EndpointFlags.AllowedWhileFaulted | EndpointFlags.JsonBody, HandlePost);

    private static Reply HandleGet(RequestContext context)
    {
        var check = CheckToken.Create(context.Device, context.Now, context.Monotonic);
        return Reply.Json(w => w.WriteString("check", check));
    }

    private static Reply HandlePost(RequestContext context)
    {
        var device = context.Device;
        if (!context.Body.TryGetString("checked", out var compact))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var status = CheckedToken.Verify(device, compact, context.Monotonic, out var token);
        if (status != ApiStatus.Ok)
        {
            return Reply.Of(status);
        }

        device.Clock.Set(token!.IssuedAt);
        var time = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(time, (uint)token.IssuedAt);
        device.Audit(AuditEvent.RtcSet, AuditResult.Ok, "", time);

        var flags = device.Config is { TrustedBackend: true }
            ? CheckinActions.CarryOut(device, token.Action, token.IssuedAt)
            : ResponseFlags.None;
        return Reply.Json(w => w.WriteString("status", token.Action)) with { Flags = flags };
    }
}
