using HemSim.Cli.Images;

namespace HemSim.Cli.Commands;

/// <summary>
/// What differs between a firmware and a dashboard upgrade (spec §11.9–§11.14): the endpoints, the upload name the
/// device looks for, and what an install does.
/// </summary>
internal sealed record UpgradeTarget(
    string Suffix,
    ImageKind Kind,
    string UploadPath,
    string CheckPath,
    string InstallPath,
    string DefaultFileName,
    string FoundNames,
    string Installed)
{
    /// <summary>Spec §11.9–§11.11: the check only finds <c>firmware.bin</c> or <c>firmware.hex</c>.</summary>
    public static readonly UpgradeTarget Firmware = new(
        "fw",
        ImageKind.Firmware,
        "/api/system/upgrade/upload_fw",
        "/api/system/upgrade/check_fw",
        "/api/system/upgrade/install_fw",
        "firmware.bin",
        "firmware.bin or firmware.hex",
        "installing: the device reboots into its bootloader, flashes the image and starts it; "
        + "afterwards `hemsim version` shows the new fwv and the first `hemsim status` says fw_upgrade");

    /// <summary>Spec §11.12–§11.14: the check only finds <c>webroot.tar</c>; an install needs no reboot.</summary>
    public static readonly UpgradeTarget Dashboard = new(
        "ui",
        ImageKind.Dashboard,
        "/api/system/upgrade/upload_ui",
        "/api/system/upgrade/check_ui",
        "/api/system/upgrade/install_ui",
        "webroot.tar",
        "webroot.tar",
        "installed: the new dashboard is active (no reboot); `hemsim version` shows its hash as uis");

    /// <summary>The word for the thing uploaded (messages).</summary>
    public string Noun => ImageLayout.Name(Kind);
}
