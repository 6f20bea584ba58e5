using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>What a refusal of a <c>/api/keymgmt/*</c> endpoint usually means (spec §12), for the <c>hint:</c> line.</summary>
internal static class KeyMgmtHints
{
    private const string KeyMgmtPrefix = "/api/keymgmt/";

    /// <summary>
    /// A hint function for one verb: <paramref name="specific"/> explains the statuses whose meaning depends on
    /// the endpoint (406 above all); the statuses every key endpoint shares and the login's follow. Statuses whose
    /// meaning line says it all (409, 418) get no hint.
    /// </summary>
    public static Func<HemStatusException, string?> For(string scope, Func<int, string?>? specific = null) => failure =>
    {
        if (!failure.Path.StartsWith(KeyMgmtPrefix, StringComparison.Ordinal))
        {
            return LoginCommand.LoginHint(failure);
        }

        return specific?.Invoke(failure.Status) ?? failure.Status switch
        {
            401 => "the token is missing, invalid or expired (tokens die when the device reboots)",
            403 => $"the token does not allow {scope}, or it is an admin token (admins cannot manage keys)",
            404 => "this device does not offer the endpoint (firmware older than 1.2.2?)",
            _ => null,
        };
    };
}
