using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim ext pair|list|login</c>: the external authenticator (spec §9, docs/EXTERNAL-AUTH.md) — pair an app
/// through the broker, list the paired apps, log in with a token an app approves.
/// </summary>
internal static class ExtCommand
{
    /// <summary>The pairing scope (spec §5.4): ext init/validate/mac, GET config and keymgmt/search.</summary>
    public const string PairScope = "auth:ext:pair";

    public static Command Create(GlobalOptions global, CliHost host) =>
        new("ext", "External authenticator: pair an app, list paired apps, log in through an app (docs/EXTERNAL-AUTH.md)")
        {
            ExtPairCommand.Create(global, host),
            ExtListCommand.Create(global, host),
            ExtLoginCommand.Create(global, host),
        };

    /// <summary>What a refusal of the <c>/api/auth/ext/*</c> endpoints usually means (spec A5–A9).</summary>
    internal static string? Hint(HemStatusException failure) => (failure.Path, failure.Status) switch
    {
        ("/api/auth/ext/init" or "/api/auth/ext/validate" or "/api/system/config", 403) =>
            $"pairing needs a local user token with scope {PairScope} or system:config (not an admin's or an app's)",
        ("/api/auth/ext/validate", 401) => "the device refused the app's reply: not signed for this device, or the pairing request expired or was used",
        ("/api/auth/ext/validate", 406) => "the device did not store the app: this app key or pairing id is already paired, or the key store is full",
        ("/api/auth/ext/request", 403) => "the device clock (RTC) is not set: check in first (hemsim checkin)",
        ("/api/auth/ext/request", 406) => "no app is paired with the device: pair one first (hemsim ext pair)",
        ("/api/auth/ext/token", 401) => "the device refused the approval: expired, already used, or for another scope or ctx than requested",
        ("/api/auth/ext/token", 403) => "the device clock (RTC) is not set: check in first (hemsim checkin)",
        ("/api/auth/ext/token", 406) => "the device refused the approval: unknown pairing, a scope it cannot decrypt, or a scope over 127 characters",
        _ => LoginCommand.LoginHint(failure),
    };
}
