using System.Text.Json;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Routing;

/// <summary>What a handler returns: a status from the device vocabulary, a body, and after-reply actions.</summary>
internal sealed record Reply(ApiStatus Status, byte[] Body)
{
    public ResponseFlags Flags { get; init; }

    public string ContentType { get; init; } = ApiResponse.JsonContentType;

    /// <summary>An empty body: every error, and the successes the spec lists as empty (spec §3.4).</summary>
    public static Reply Of(ApiStatus status) => new(status, []);

    public static Reply Json(Action<Utf8JsonWriter> members) => new(ApiStatus.Ok, JsonOut.Object(members));
}
