namespace HemSim.Cli.Http;

/// <summary>What each HTTP status means on the device (spec §3.5), in the words the client prints.</summary>
internal static class HemStatusMeanings
{
    // An explicit table, never a numeric range (STYLE §7): 795 and the other odd codes are quirks, not classes.
    public static string Describe(int status) => status switch
    {
        400 => "malformed request (unparseable JSON, missing or invalid field)",
        401 => "unauthorised (token missing, invalid or expired, or login proof rejected)",
        403 => "forbidden (scope or role not allowed, RTC not set, or device already initialised)",
        404 => "not found (unknown path, absent in this build, or no match)",
        406 => "operation failed (e.g. keystore full)",
        409 => "wrong state (fault latched, not initialised, or busy)",
        410 => "key repository not ready",
        411 => "length required (POST without Content-Length)",
        412 => "origin rejected by the CORS allow-list",
        413 => "request too large",
        418 => "TLS required — use https",
        // Sent by the HemSim bridge of an EPA rack, never by a device: the Host header names no chip of the rack.
        421 => "misdirected: no such chip in this EPA rack (address c<i>.<domain>; hemsim --chip N)",
        500 => "internal device error",
        // 503 is also what the HemSim bridge answers while the device is off (shutdown, usbmode) or unreachable;
        // 501–505 from the device itself only come from the DIAG bootloader upload (spec §16 G10).
        503 => "device unavailable (switched off, in USB mode, or unreachable) — or a DIAG bootloader-upload flash error",
        501 or 502 or 504 or 505 => "flash error (DIAG bootloader upload)",
        _ => "unexpected status (e.g. the failed ML-DSA verify quirk)",
    };
}
