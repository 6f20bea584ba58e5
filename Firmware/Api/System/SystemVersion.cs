using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S2 <c>GET /api/system/version</c> (spec §11.2). No token. <c>hwv</c> names PPA or EPA (clients pick the
/// form factor from it); <c>fwv</c> says this is the simulator (<c>v1.2.2-sim</c>, still matching a
/// <c>v\d+.\d+.\d+</c> parser) and ends in <c>-DIAG</c> on DIAG builds; <c>blv</c> and <c>fws</c> are
/// always present ([P] reads them without a fallback). The SD-card registers appear on MSC builds to any
/// valid token, and without one while uninitialised.
/// </summary>
internal static class SystemVersion
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/version", Access.Public, EndpointFlags.AllowedWhileFaulted, Handle);

    private const string BootloaderVersion = "Encedo Secure Bootloader v2.0.1";

    // The simulator's own firmware and bootloader signing keys: Ed25519 seeds derived from fixed labels, so
    // fwk/fws/blk/bls are real signatures that verify, and identical on every simulator.
    private static readonly Lazy<Signed> s_firmware = new(() => Sign("HemSim firmware signing key", "Encedo nGINE FW v" + HemDevice.FirmwareVersion));
    private static readonly Lazy<Signed> s_bootloader = new(() => Sign("HemSim bootloader signing key", BootloaderVersion));
    private static readonly byte[] s_dashboardHash = SHA256.HashData("HemSim dashboard placeholder"u8);

    // Fixed simulated SD-card registers (CSD v2 and CID layouts, 16 bytes each).
    private const string SdCsd = "400e00325b590000e6877f800a400000";
    private const string SdCid = "0353445348533634808a2f3c7c013d00";

    /// <summary>The <c>fws</c> value (the check-in token repeats it, spec §8.2).</summary>
    internal static byte[] FirmwareSignature => s_firmware.Value.Signature;

    /// <summary>The <c>bls</c> value (the check-in token repeats it, spec §8.2).</summary>
    internal static byte[] BootloaderSignature => s_bootloader.Value.Signature;

    /// <summary>The <c>uis</c> value on MSC builds (the check-in token repeats it, spec §8.2).</summary>
    internal static byte[] DashboardHash => s_dashboardHash;

    private static Reply Handle(RequestContext context)
    {
        var options = context.Device.Options;
        var msc = options.Variant == HardwareVariant.Ppa;
        return Reply.Json(w =>
        {
            w.WriteString("hwv", msc ? "PPA rev 2.2 (HemSim)" : "EPA rev 1.0 (HemSim)");
            w.WriteString("fwv", "Encedo nGINE FW v" + HemDevice.FirmwareVersion + (options.Diag ? "-DIAG" : ""));
            w.WriteString("fwk", Base64Text.Encode(s_firmware.Value.PublicKey));
            w.WriteString("fws", Base64Text.Encode(s_firmware.Value.Signature));
            w.WriteString("blv", BootloaderVersion);
            w.WriteString("blk", Base64Text.Encode(s_bootloader.Value.PublicKey));
            w.WriteString("bls", Base64Text.Encode(s_bootloader.Value.Signature));
            if (msc)
            {
                w.WriteString("uis", Base64Text.Encode(s_dashboardHash));
                if (context.Token is not null || !context.Device.IsInitialised)
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
