using System.CommandLine;
using HemSim.Cli.Auth;
using HemSim.Cli.Http;
using HemSim.Cli.Input;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim login</c>: a local passphrase login (spec §6.1) that prints what the token allows.</summary>
internal static class LoginCommand
{
    /// <summary>Proof lifetime by default: the device then issues a one-hour token (spec §5.5).</summary>
    public const long DefaultLifetimeSeconds = 3600;

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var scope = new Option<string>("--scope") { Description = "Scope to ask for, e.g. keymgmt:gen or keymgmt:use:<kid>", HelpName = "SCOPE", Required = true };
        var admin = new Option<bool>("--admin") { Description = "Log in as master (admin) with the admin passphrase" };
        var exp = new Option<long>("--exp")
        {
            Description = "Token lifetime in seconds from now (0: the device's default of 8 h)",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => DefaultLifetimeSeconds,
        };
        var printToken = new Option<bool>("--print-token") { Description = "Print only the bearer token (for scripts; it is a secret)" };
        var passphraseStdin = PassphraseOptions.CreateStdinOption();

        var command = new Command("login", "Log in with a passphrase and show the token's scope, role and expiry")
        {
            scope, admin, exp, printToken, passphraseStdin,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string requestedScope = ScopeRules.Validate(parse.GetValue(scope) ?? "");
            long lifetime = parse.GetValue(exp);
            if (lifetime < 0)
            {
                throw new CliUsageException("--exp must be 0 or a positive number of seconds");
            }

            using HemClient client = global.CreateClient(parse, host);
            PassphraseRole role = parse.GetValue(admin) ? PassphraseRole.Admin : PassphraseRole.User;
            using Passphrase passphrase = new PassphraseSource(host, parse.GetValue(passphraseStdin)).Read(role, confirm: false);
            string token = await LocalLogin.LoginAsync(client, passphrase, requestedScope, lifetime, host.Clock, cancellationToken).ConfigureAwait(false);

            if (parse.GetValue(printToken))
            {
                host.Out.WriteLine(token);
                return ExitCodes.Success;
            }

            BearerTokenInfo info = BearerTokenInfo.Decode(token);
            if (global.JsonOutput(parse))
            {
                byte[] json = CompactJson.Write(writer =>
                {
                    writer.WriteString("scope", info.Scope);
                    writer.WriteString("sub", info.Sub);
                    writer.WriteNumber("iat", info.Iat);
                    writer.WriteNumber("exp", info.Exp);
                });
                host.Out.WriteLine(System.Text.Encoding.UTF8.GetString(json));
                return ExitCodes.Success;
            }

            host.Out.WriteLine($"scope: {info.Scope}");
            host.Out.WriteLine($"sub:   {info.Sub} ({info.Role})");
            host.Out.WriteLine($"exp:   {DateTimeOffset.FromUnixTimeSeconds(info.Exp):yyyy-MM-dd'T'HH:mm:ss'Z'} ({info.Exp})");
            return ExitCodes.Success;
        }, LoginHint));
        return command;
    }

    /// <summary>What a refusal of the login endpoints usually means (spec A1, A2).</summary>
    internal static string? LoginHint(HemStatusException failure) => failure.Path switch
    {
        "/api/auth/token" => failure.Status switch
        {
            401 => "login rejected: wrong passphrase, or the challenge expired",
            403 => "the device clock (RTC) is not set and trusted_ts is on: check in first",
            409 => "the device is not initialised (run `hemsim init`) or a fault is latched",
            _ => null,
        },
        _ => null,
    };
}
