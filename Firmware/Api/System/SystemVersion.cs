using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Upgrade;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S2 <c>GET /api/system/version</c> (spec §11.2). No token. <c>hwv</c> names PPA or EPA (clients pick the
/// form factor from it); <c>fwv</c> says this is the simulator (<c>v1.2.2-sim</c>, still matching a
/// <c>v\d+.\d+.\d+</c> parser) and ends in <c>-DIAG</c> on DIAG builds; <c>blv</c> and <c>fws</c> are
/// always present ([P] reads them without a fallback). The SD-card registers appear on MSC builds to any
/// valid token, and without one while uninitialised.
/// </summary>
/// <remarks>
/// After <c>install_fw</c> (docs/UPGRADE.md §3) <c>fwv</c> is the installed image's version text and <c>fws</c> its
/// signature; after <c>install_ui</c> <c>uis</c> is the installed dashboard's SHA-256. <c>fwk</c> is the vendor key
/// images are checked against. The bootloader fields never change: the simulator does not parse bootloaders
/// (spec §16 G11 only copies a sector).
/// </remarks>
internal static class SystemVersion
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/version", Access.Public, EndpointFlags.AllowedWhileFaulted, Handle);

    public const string BootloaderVersion = "Encedo Secure Bootloader v2.0.1";

    // The simulator's own firmware and bootloader signing keys: Ed25519 seeds derived from fixed labels, so
    // fws/blk/bls are real signatures that verify, and identical on every simulator. The firmware label is the
    // published vendor test key's (Upgrade/VendorKey.cs): the built-in fws verifies under the default fwk.
    private static readonly Lazy<Signed> s_firmware = new(() => Sign("HemSim firmware signing key", "Encedo nGINE FW v" + HemDevice.FirmwareVersion));
    private static readonly Lazy<Signed> s_bootloader = new(() => Sign("HemSim bootloader signing key", BootloaderVersion));
    private static readonly byte[] s_dashboardHash = SHA256.HashData("HemSim dashboard placeholder"u8);

    // Fixed simulated SD-card registers (CSD v2 and CID layouts, 16 bytes each).
    private const string SdCsd = "400e00325b590000e6877f800a400000";
    private const string SdCid = "0353445348533634808a2f3c7c013d00";

    /// <summary>The <c>fws</c> value: the installed image's signature, else the simulator's own (the check-in token repeats it, spec §8.2).</summary>
    internal static byte[] FirmwareSignature(DeviceCore device) => device.InstalledFirmware?.Signature ?? s_firmware.Value.Signature;

    /// <summary>The <c>fwv</c> value: the installed image's version text, else the simulator's, with <c>-DIAG</c> on DIAG builds.</summary>
    internal static string FirmwareVersionText(DeviceCore device)
    {
        var version = device.InstalledFirmware?.Version ?? "Encedo nGINE FW v" + HemDevice.FirmwareVersion;
        return device.IsDiagBuild && !version.EndsWith(DiagSuffix, StringComparison.Ordinal) ? version + DiagSuffix : version;
    }

    /// <summary>The <c>bls</c> value (the check-in token repeats it, spec §8.2).</summary>
    internal static byte[] BootloaderSignature => s_bootloader.Value.Signature;

    /// <summary>
    /// The <c>uis</c> value on MSC builds: the installed dashboard's SHA-256, else a placeholder hash (the check-in token
    /// repeats it, spec §8.2).
    /// </summary>
    internal static byte[] DashboardHash(DeviceCore device) => InstalledDashboard.ReadHash(device.Flash) ?? s_dashboardHash;

    /// <summary>What DIAG builds end <c>fwv</c> with ([P] and [T] test it, spec §11.2).</summary>
    private const string DiagSuffix = "-DIAG";

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        var msc = device.Options.Variant == HardwareVariant.Ppa;
        return Reply.Json(w =>
        {
            w.WriteString("hwv", msc ? "PPA rev 2.2 (HemSim)" : "EPA rev 1.0 (HemSim)");
            w.WriteString("fwv", FirmwareVersionText(device));
            w.WriteString("fwk", Base64Text.Encode(device.VendorKey));
            w.WriteString("fws", Base64Text.Encode(FirmwareSignature(device)));
            w.WriteString("blv", BootloaderVersion);
            w.WriteString("blk", Base64Text.Encode(s_bootloader.Value.PublicKey));
            w.WriteString("bls", Base64Text.Encode(s_bootloader.Value.Signature));
            if (msc)
            {
                w.WriteString("uis", Base64Text.Encode(DashboardHash(device)));
                if (context.Token is not null || !device.IsInitialised)
                {
                    w.WriteString("sd_csd", SdCsd);
                    w.WriteString("sd_cid", SdCid);
                }
            }
        });
    }

    private static Signed Sign(string keyLabel, string image)
    {
        var seed = SHA256.HashData(Encoding.ASCII.GetBytes(keyLabel));
        var digest = SHA512.HashData(Encoding.ASCII.GetBytes(image));
        return new Signed(SignatureAlgorithm.Ed25519.GetPublicKey(seed), SignatureAlgorithm.Ed25519.Sign(seed, digest));
    }

    private sealed record Signed(byte[] PublicKey, byte[] Signature);
}
