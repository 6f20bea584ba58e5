using HemSim.Firmware.Json;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>Field rules shared by the key-management endpoints (spec §17.3).</summary>
internal static class KeyMgmtSupport
{
    /// <summary>§22 #3: labels of 1–32 printable ASCII characters (both clients stay within 31).</summary>
    public const int MaxLabelLength = 32;

    /// <summary>§22 #4: descriptions of at most 64 decoded bytes.</summary>
    public const int MaxDescrBytes = 64;

    public static bool IsValidLabel(string label) =>
        label.Length is >= 1 and <= MaxLabelLength && label.All(c => c is >= ' ' and <= '~');

    /// <summary>
    /// Reads the optional <c>descr</c> member: absent or null → empty; otherwise b64 (either alphabet) of
    /// at most 64 bytes. False when present but malformed or too long.
    /// </summary>
    public static bool TryReadDescr(JsonBody body, out byte[] descr)
    {
        descr = [];
        if (!body.Has("descr"))
        {
            return true;
        }
        return body.TryGetString("descr", out var text)
            && Base64Text.TryDecode(text, out descr)
            && descr.Length <= MaxDescrBytes;
    }
}
