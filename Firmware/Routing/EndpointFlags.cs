namespace HemSim.Firmware.Routing;

/// <summary>
/// Cross-cutting rules of an endpoint, enforced once by <see cref="RequestPipeline"/> before the
/// handler runs (STYLE.md §2: attributes, not repeated checks). Handlers never re-check these.
/// </summary>
[Flags]
internal enum EndpointFlags
{
    None = 0,
    /// <summary>Plain HTTP → 418 (spec §3.1).</summary>
    HttpsOnly = 1,
    /// <summary>QUIRK (spec §3.4): plain HTTP folded into the state check → 409 instead of 418.</summary>
    PlainHttpIsWrongState = 2,
    /// <summary>Uninitialised device → 409.</summary>
    RequiresInitialised = 4,
    /// <summary>Works while a fault is latched (spec §20.2); otherwise 409.</summary>
    AllowedWhileFaulted = 8,
    /// <summary>The body must be a JSON object (spec §3.7); otherwise 400.</summary>
    JsonBody = 16,
    /// <summary>Responses are delayed by the login throttle (spec §5.6).</summary>
    Throttled = 32,
    /// <summary>Exists only on PPA (MSC) hardware; 404 on EPA (spec §2).</summary>
    MscOnly = 64,
    /// <summary>Exists only on DIAG firmware; 404 on production builds (spec §16).</summary>
    DiagOnly = 128,
}
