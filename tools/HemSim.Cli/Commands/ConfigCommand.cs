using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim config …</c>: read and change the device configuration (spec §11.5, §11.6), one file per verb.</summary>
internal static class ConfigCommand
{
    /// <summary>The scope every config verb logs in for (spec §5.4).</summary>
    public const string Scope = "system:config";

    public static Command Create(GlobalOptions global, CliHost host) =>
        new("config", "Device configuration: show, change, user passphrase change, wipeout")
        {
            ConfigGetCommand.Create(global, host),
            ConfigSetCommand.Create(global, host),
            ConfigPasswdCommand.Create(global, host),
            ConfigWipeoutCommand.Create(global, host),
        };

    /// <summary>What a refusal of <c>/api/system/config</c> usually means; <paramref name="on406"/> explains 406 per verb.</summary>
    public static Func<HemStatusException, string?> Hint(string? on400 = null, string? on406 = null) => failure =>
    {
        if (failure.Path != "/api/system/config")
        {
            return LoginCommand.LoginHint(failure);
        }

        return failure.Status switch
        {
            400 => on400,
            401 => "the token is missing, invalid or expired (tokens die when the device reboots)",
            403 => $"the token does not allow {Scope} changes, or it belongs to an external app (apps may only read the configuration)",
            406 => on406,
            409 => "the device is not initialised, or a fault is latched (reboot to clear it)",
            _ => null,
        };
    };
}
