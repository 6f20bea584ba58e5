using System.Security.Cryptography;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;
using HemSim.Firmware.Upgrade;

namespace HemSim.Firmware.Api.Upgrade;

/// <summary>
/// The DIAG bootloader pair (spec §16 G10, G11; 404 on production builds): <c>upload_bootldr</c> writes one sector
/// into the reserved staging sector, <c>install_bl</c> copies it over the bootloader sector
/// (<see cref="BootloaderSectors"/>). Both answer <c>{"hash"}</c>, the SHA-1 of the sector they wrote (or read), as
/// 40 lowercase hex digits. The flash-error statuses 500–505 do not arise: the simulated flash does not fail.
/// </summary>
internal static class UpgradeBootloader
{
    /// <summary>G10: "fresh: none", else scope prefix <c>system:upgrade</c>.</summary>
    public static readonly EndpointDescriptor Upload = new(
        "POST", "/api/system/upgrade/upload_bootldr", UpgradeSupport.UploadAccess, EndpointFlags.DiagOnly, HandleUpload);

    /// <summary>G11: "fresh: none", else <c>system:upgrade</c> or <c>system:config</c>.</summary>
    public static readonly EndpointDescriptor Install = new(
        "GET", "/api/system/upgrade/install_bl", UpgradeSupport.ControlAccess, EndpointFlags.DiagOnly, HandleInstall);

    /// <summary>
    /// 200 <c>{"hash"}</c> of the written staging sector (the image padded with 0xFF); 413 + close without a file name
    /// (required, but the name is ignored) or over one sector. An empty body stages an erased sector: G10 lists no
    /// 406, and the bridge refuses an empty POST before it reaches the device (411).
    /// </summary>
    private static Reply HandleUpload(RequestContext context)
    {
        if (UpgradeSupport.RequireFileName(context, out _) is { } refused)
        {
            return refused;
        }
        if (context.Request.Body.Length > BootloaderSectors.SectorSize)
        {
            return Reply.Of(ApiStatus.PayloadTooLarge) with { Flags = ResponseFlags.CloseConnection };
        }
        return HashReply(ApiStatus.Ok, BootloaderSectors.WriteStaging(context.Device.Flash, context.Request.Body));
    }

    /// <summary>200 <c>{"hash"}</c> of the new bootloader sector; 400 with the unchanged sector's hash when nothing is staged.</summary>
    private static Reply HandleInstall(RequestContext context)
    {
        var flash = context.Device.Flash;
        if (BootloaderSectors.ReadStaging(flash) is not { } staged)
        {
            return HashReply(ApiStatus.Malformed, BootloaderSectors.ReadBootloader(flash));
        }
        BootloaderSectors.WriteBootloader(flash, staged);
        return HashReply(ApiStatus.Ok, staged);
    }

    private static Reply HashReply(ApiStatus status, byte[] sector)
    {
        var hash = Convert.ToHexStringLower(SHA1.HashData(sector));
        return Reply.Json(w => w.WriteString("hash", hash)) with { Status = status };
    }
}
