using System.Text.Json;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;

namespace HemSim.Firmware.Api.System;

/// <summary>Values and limits shared by <c>GET</c> and <c>POST /api/system/config</c> (spec §11.5, §11.6).</summary>
internal static class SystemConfigSupport
{
    /// <summary>SIM limit on <c>email</c> (spec §11.6: undocumented).</summary>
    public const int MaxEmailLength = 64;

    /// <summary>SIM limit on <c>origin</c> (spec §11.6: undocumented).</summary>
    public const int MaxOriginLength = 128;

    /// <summary>Largest <c>http_option_dosprot_mode</c> (spec §3.6: 0–4, units of 0.5 s).</summary>
    public const long MaxDosprotMode = 4;

    /// <summary>
    /// The secure-element serial <c>genuine_id</c> (spec §11.5, MSC): 9 bytes as lowercase hex, shaped like an
    /// ATECC608 serial (<c>0123…ee</c>, as the sample <c>0123eb561f5ea073ee</c>). The five middle bytes come from the
    /// attestation key's SKI (the first part of every <c>genuine</c> token), so the serial lives as long as the
    /// simulated secure element and survives a wipe, as the chip does.
    /// </summary>
    public static string GenuineId(DeviceCore device) =>
        "0123" + Convert.ToHexStringLower(device.Attestation.SubjectKeyIdentifier[..5]) + "ee";

    /// <summary>A member that is present and not JSON <c>null</c> (spec §3.7: null counts as absent).</summary>
    public static bool TryMember(JsonElement root, string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
