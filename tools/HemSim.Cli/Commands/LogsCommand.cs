using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim logs …</c>: the audit-log verbs (spec §15, §19), one file each.</summary>
internal static class LogsCommand
{
    /// <summary>The scope a login asks for: every <c>/api/logger/*</c> endpoint takes it (spec §15).</summary>
    public const string Scope = "logger:get";

    public static Command Create(GlobalOptions global, CliHost host) =>
        new("logs", "Audit log: the signing key, the list of files, download and verification")
        {
            LogsKeyCommand.Create(global, host),
            LogsListCommand.Create(global, host),
            LogsGetCommand.Create(global, host),
            LogsVerifyCommand.Create(global, host),
        };

    /// <summary>What a refusal of a <c>/api/logger/*</c> endpoint usually means; <paramref name="specific"/> comes first.</summary>
    public static Func<Http.HemStatusException, string?> Hints(Func<int, string?>? specific = null) => failure =>
    {
        if (!failure.Path.StartsWith("/api/logger/", StringComparison.Ordinal))
        {
            return LoginCommand.LoginHint(failure);
        }

        return specific?.Invoke(failure.Status) ?? failure.Status switch
        {
            401 => "the token is missing, invalid or expired (tokens die when the device reboots)",
            403 => $"the token does not allow {Scope}",
            409 => "the device is not initialised, or a fault is latched (see `hemsim status`)",
            _ => null,
        };
    };
}
