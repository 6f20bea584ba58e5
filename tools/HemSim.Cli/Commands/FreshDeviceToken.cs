using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// The "fresh: no token" rule of <c>reboot</c> and <c>selftest</c> (spec §4, §11.16, §11.18): an uninitialised
/// device takes them without a token (and cannot issue one: login answers 409 before provisioning).
/// </summary>
internal static class FreshDeviceToken
{
    /// <summary>
    /// The given token (<c>--token</c>, <c>HEMSIM_TOKEN</c>); else none when <c>GET /api/system/status</c> says the
    /// device is not initialised (the <c>inited</c> key is present); else a user login for <paramref name="auth"/>'s scope.
    /// </summary>
    public static async Task<string?> ResolveAsync(BearerTokenOptions auth, ParseResult parse, HemClient client, CliHost host,
        CancellationToken cancellationToken)
    {
        if ((parse.GetValue(auth.Token) ?? host.Variable(EnvironmentVariables.Token)) is { } given)
        {
            return given;
        }

        HemResponse status = await client.GetAsync("/api/system/status", bearerToken: null, cancellationToken).ConfigureAwait(false);
        return status.Json.TryGetProperty("inited", out _)
            ? null
            : await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
    }
}
