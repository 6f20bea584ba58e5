using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;

namespace HemSim.Firmware.Routing;

/// <summary>
/// Everything one request sees: the device, the request, the parsed body, the caller's token, and one
/// snapshot of the clock taken when the request started (STYLE.md §2), so a request sees one time.
/// </summary>
internal sealed class RequestContext
{
    public RequestContext(DeviceCore device, ApiRequest request, IReadOnlyList<string> pathParameters)
    {
        Device = device;
        Request = request;
        PathParameters = pathParameters;
        RtcSet = device.Clock.TryGetUnixTime(out var unix);
        Monotonic = device.Clock.Monotonic;
        Now = RtcSet ? unix : device.Boot.Uptime(Monotonic);
    }

    public DeviceCore Device { get; }
    public ApiRequest Request { get; }
    public IReadOnlyList<string> PathParameters { get; }

    private JsonBody? _body;

    /// <summary>Parsed JSON body; only endpoints flagged <see cref="EndpointFlags.JsonBody"/> have one.</summary>
    public JsonBody Body
    {
        get => _body ?? throw new InvalidOperationException($"{Request.Path} is not flagged {nameof(EndpointFlags.JsonBody)}.");
        set => _body = value;
    }

    public void DisposeBody() => _body?.Dispose();

    /// <summary>The caller's validated token, or null when none was sent.</summary>
    public TokenClaims? Token { get; set; }

    public bool RtcSet { get; }

    /// <summary>Device time in Unix seconds: the RTC when set, otherwise seconds since boot.</summary>
    public long Now { get; }

    public TimeSpan Monotonic { get; }

    /// <summary>Data field of the outcome audit line (usually the kid), set by the handler.</summary>
    public byte[] AuditData { get; set; } = [];

    /// <summary>Audit subject of the caller: <c>U</c>, <c>M</c>, b64url(app kid), or empty.</summary>
    public string AuditSubject => Token is null ? "" : Token.Role switch
    {
        Role.User => "U",
        Role.Master => "M",
        _ => Base64Text.TryDecode(Token.Subject, out var kid) ? Base64Text.EncodeUrl(kid) : "",
    };

    public void Audit(AuditEvent type, AuditResult result, ReadOnlySpan<byte> data) =>
        Device.Audit(type, result, AuditSubject, data);
}
