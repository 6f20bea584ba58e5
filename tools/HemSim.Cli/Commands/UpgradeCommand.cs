using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim upgrade …</c>: firmware, dashboard and bootloader upgrades (spec §11.9–§11.15, §16 G10–G11). Each
/// device step has its own verb; <c>fw</c> and <c>ui</c> run upload → check (polled) → install in one go.
/// </summary>
internal static class UpgradeCommand
{
    /// <summary>
    /// The login scope: uploads need the prefix <c>system:upgrade</c>; checks and installs also take
    /// <c>system:config</c>, so one <c>system:upgrade</c> token serves every step.
    /// </summary>
    public const string Scope = "system:upgrade";

    public static Command Create(GlobalOptions global, CliHost host) =>
        new("upgrade", "Firmware, dashboard and bootloader upgrades (spec §11.9–§11.15, §16 G10–G11; no token on a fresh device)")
        {
            UpgradeOneShotCommand.Create(global, host, UpgradeTarget.Firmware),
            UpgradeOneShotCommand.Create(global, host, UpgradeTarget.Dashboard),
            UpgradeUploadCommand.Create(global, host, UpgradeTarget.Firmware),
            UpgradeCheckCommand.Create(global, host, UpgradeTarget.Firmware),
            UpgradeInstallCommand.Create(global, host, UpgradeTarget.Firmware),
            UpgradeUploadCommand.Create(global, host, UpgradeTarget.Dashboard),
            UpgradeCheckCommand.Create(global, host, UpgradeTarget.Dashboard),
            UpgradeInstallCommand.Create(global, host, UpgradeTarget.Dashboard),
            UpgradeInstallCommand.CreateUsbMode(global, host),
            UpgradeBootloaderCommand.CreateUpload(global, host),
            UpgradeBootloaderCommand.CreateInstall(global, host),
        };

    /// <summary>What the device's refusals mean on the upgrade endpoints (spec §11.9–§11.15, §16 G10–G11).</summary>
    internal static string? Hint(HemStatusException failure) => failure.Status switch
    {
        _ when failure.Path.StartsWith("/api/auth/", StringComparison.Ordinal) => LoginCommand.LoginHint(failure),
        401 => $"the device is initialised: pass a token with scope {Scope} (--token, HEMSIM_TOKEN) or a passphrase to log in",
        403 when failure.Method == "POST" => $"the token's scope must start with {Scope}",
        403 => $"the token's scope must start with {Scope} or system:config",
        404 when failure.Path is UpgradeBootloaderCommand.UploadPath or UpgradeBootloaderCommand.InstallPath =>
            "the bootloader endpoints exist only on a DIAG build (start the bridge with --diag)",
        404 => "this device has no upgrade endpoints (an EPA has none, spec §11.9)",
        406 when failure.Path == UpgradeInstallCommand.UsbModePath => "the device did not take the reboot branch; try again",
        406 when failure.Method == "POST" => "the upload ended early; try again",
        406 => "nothing verified to install: run the check until it says verified",
        409 => "an install is already running; wait until the device has finished",
        413 when failure.Path == UpgradeBootloaderCommand.UploadPath =>
            "the bootloader image is over one 8 KiB flash sector (or the file name was missing)",
        413 => "the file name was missing or the image is over 16 MiB",
        400 when failure.Path == UpgradeBootloaderCommand.InstallPath =>
            "nothing was installed: no bootloader is staged this boot (`hemsim upgrade upload-bootloader FILE` first), or the flash write failed",
        _ => null,
    };
}
