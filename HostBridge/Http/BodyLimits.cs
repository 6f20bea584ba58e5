namespace HemSim.HostBridge.Http;

/// <summary>
/// The largest request body the real device accepts, by path (spec §3.2): 7300 bytes for JSON
/// bodies, 16 MiB for the raw uploads (firmware, web UI, bootloader). This table is the one
/// place those numbers live.
/// </summary>
internal static class BodyLimits
{
    /// <summary>JSON bodies: 7300 bytes accepted, 7301 → 413 ([T] checks exactly this).</summary>
    public const int Json = 7300;

    /// <summary>Raw octet-stream uploads (spec §11.9, §11.12, §16 G10).</summary>
    public const int RawUpload = 16 * 1024 * 1024;

    // Ordinal prefix → limit; the first match wins. Paths not listed take the JSON limit.
    private static readonly (string PathPrefix, int Limit)[] s_byPathPrefix =
    [
        ("/api/system/upgrade/upload_", RawUpload), // upload_fw, upload_ui, upload_bootldr
    ];

    public static int For(string path)
    {
        foreach ((string prefix, int limit) in s_byPathPrefix)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return limit;
            }
        }

        return Json;
    }
}
