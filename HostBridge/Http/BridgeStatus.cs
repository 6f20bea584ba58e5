namespace HemSim.HostBridge.Http;

/// <summary>
/// The only statuses the bridge itself originates (STYLE.md §4). Every other status, 412 and the
/// OPTIONS 204 included, is the device's answer passed through unchanged. Each goes out with an
/// empty JSON-typed body, like the device's own error responses (spec §3.4).
/// </summary>
internal enum BridgeStatus
{
    /// <summary>POST without a positive <c>Content-Length</c>, e.g. a chunked body (spec §3.2).</summary>
    LengthRequired = 411,

    /// <summary>Body over the limit for its path (<see cref="BodyLimits"/>); the connection is closed (spec §3.2).</summary>
    PayloadTooLarge = 413,

    /// <summary>
    /// Unexpected failure inside the bridge, including a device answer the transport cannot decode
    /// (<c>TransportProtocolException</c>) or that HTTP cannot carry; the device may have acted on the request.
    /// </summary>
    BridgeFailure = 500,

    /// <summary>The device link is closed: the device is off, rebooting or unplugged.</summary>
    DeviceUnavailable = 503,
}
