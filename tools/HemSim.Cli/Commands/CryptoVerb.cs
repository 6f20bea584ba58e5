using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Auth;
using HemSim.Cli.Http;
using HemSim.Cli.Input;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// The frame every <c>crypto</c> verb shares: the <c>KID</c> argument, the token (<c>--token</c>, else
/// <c>HEMSIM_TOKEN</c>, else a user login for <c>keymgmt:use:&lt;KID&gt;</c>, the exact scope of spec §13), one
/// <c>POST</c> whose body starts with the kid, and the hints. The verb adds its options, checks them locally (before
/// any request, so a typo costs no login) and prints the answer.
/// </summary>
internal sealed class CryptoVerb
{
    public const string ScopePrefix = "keymgmt:use:";

    private readonly Argument<string> _kid = new("KID") { Description = "Key id: 32 hex characters" };
    private readonly Option<bool> _passphraseStdin = PassphraseOptions.CreateStdinOption();
    private readonly Option<string?> _token = new("--token")
    {
        // No DefaultValueFactory: help prints defaults, and a token is a secret.
        Description = $"Bearer token with scope {ScopePrefix}<KID> (env {EnvironmentVariables.Token}); without it the command logs in",
        HelpName = "TOKEN",
    };

    private CliHost? _host;

    public CryptoVerb(string name, string description, string path)
    {
        Path = path;
        Command = new Command(name, description) { _kid };
    }

    public Command Command { get; }

    /// <summary>The endpoint, e.g. <c>/api/crypto/exdsa/sign</c>.</summary>
    public string Path { get; }

    public void Add(params Option[] options)
    {
        foreach (Option option in options)
        {
            Command.Add(option);
        }
    }

    /// <summary>The console of the host the verb was built for (standard input for <c>--in -</c>).</summary>
    public IConsoleInput Input => _host?.Input ?? throw new InvalidOperationException("The verb is not built yet.");

    /// <summary>True when the passphrase would be read from standard input (so the message cannot be).</summary>
    public bool PassphraseFromStdin(ParseResult parse) => parse.GetValue(_passphraseStdin);

    /// <summary>
    /// Wires a verb whose 200 answer carries a result. <paramref name="prepare"/> runs every local check and returns
    /// the body members that follow <c>kid</c>; <paramref name="present"/> prints the answer and returns the exit code;
    /// <paramref name="hint"/> explains the statuses whose meaning depends on the endpoint (400 and 406 above all).
    /// </summary>
    public Command Build(
        GlobalOptions global,
        CliHost host,
        Func<ParseResult, Action<Utf8JsonWriter>> prepare,
        Func<ParseResult, HemResponse, int> present,
        Func<int, string?>? hint = null) =>
        Wire(global, host, prepare, hint, async (parse, client, bearer, body, cancellationToken) =>
        {
            HemResponse reply = await client.PostJsonAsync(Path, body, bearer, cancellationToken).ConfigureAwait(false);
            return present(parse, reply);
        });

    /// <summary>
    /// Wires a verify verb: 200 (empty body) is "valid", and each of <paramref name="invalidStatuses"/> is the verdict
    /// "invalid" (exit code 1) rather than an error. A signature that does not verify is a result (STYLE §5), but the
    /// device uses the same status for a missing or unsuitable key, so <paramref name="invalidHint"/> says which
    /// other causes that status covers.
    /// </summary>
    public Command BuildVerify(
        GlobalOptions global,
        CliHost host,
        Func<ParseResult, Action<Utf8JsonWriter>> prepare,
        string what,
        Func<int, string> invalidHint,
        Func<int, string?>? hint,
        params int[] invalidStatuses) =>
        Wire(global, host, prepare, hint, async (parse, client, bearer, body, cancellationToken) =>
        {
            bool json = global.JsonOutput(parse);
            try
            {
                HemResponse reply = await client.PostJsonAsync(Path, body, bearer, cancellationToken).ConfigureAwait(false);
                if (!json)
                {
                    host.Out.WriteLine("valid");
                }
                else if (reply.Body.Length > 0)
                {
                    host.Out.WriteLine(reply.Text);
                }

                return ExitCodes.Success;
            }
            catch (HemStatusException ex) when (ex.Path == Path && invalidStatuses.Contains(ex.Status))
            {
                // With --json, stdout stays what the device sent (nothing), as `keys search` does for 404.
                (json ? host.Error : host.Out).WriteLine($"invalid ({ex.Status}): {what} does not verify");
                host.Error.WriteLine($"hint: {invalidHint(ex.Status)}");
                return ExitCodes.Failure;
            }
        });

    private Command Wire(
        GlobalOptions global,
        CliHost host,
        Func<ParseResult, Action<Utf8JsonWriter>> prepare,
        Func<int, string?>? hint,
        Func<ParseResult, HemClient, string, byte[], CancellationToken, Task<int>> exchange)
    {
        _host = host;
        Command.Add(_token);
        Command.Add(_passphraseStdin);
        Command.SetAction((parse, cancellationToken) =>
        {
            bool plainHttp = false;
            return CommandRunner.RunAsync(host, async () =>
            {
                // Every local check runs before the first request.
                string kid = KeyArguments.Kid(parse.GetValue(_kid) ?? "");
                Action<Utf8JsonWriter> members = prepare(parse);
                byte[] body = CompactJson.Write(writer =>
                {
                    writer.WriteString("kid", kid);
                    members(writer);
                });

                using HemClient client = global.CreateClient(parse, host);
                plainHttp = client.IsPlainHttp;
                string bearer = await ResolveTokenAsync(parse, client, host, ScopePrefix + kid, cancellationToken).ConfigureAwait(false);
                return await exchange(parse, client, bearer, body, cancellationToken).ConfigureAwait(false);
            }, Hints(hint, () => plainHttp));
        });
        return Command;
    }

    /// <summary>The given token, or a fresh one from a user login for the exact key-use scope (spec §5.4).</summary>
    private async Task<string> ResolveTokenAsync(ParseResult parse, HemClient client, CliHost host, string scope, CancellationToken cancellationToken)
    {
        if ((parse.GetValue(_token) ?? host.Variable(EnvironmentVariables.Token)) is { } given)
        {
            return given;
        }

        using Passphrase passphrase = new PassphraseSource(host, parse.GetValue(_passphraseStdin)).Read(PassphraseRole.User, confirm: false);
        return await LocalLogin.LoginAsync(client, passphrase, scope, LoginCommand.DefaultLifetimeSeconds, host.Clock, cancellationToken)
            .ConfigureAwait(false);
    }

    private Func<HemStatusException, string?> Hints(Func<int, string?>? specific, Func<bool> plainHttp) => failure =>
    {
        if (failure.Path != Path)
        {
            return LoginCommand.LoginHint(failure);
        }

        return specific?.Invoke(failure.Status) ?? failure.Status switch
        {
            401 => "the token is missing, invalid or expired (tokens die when the device reboots)",
            403 => $"the token's scope is not exactly {ScopePrefix}<KID> for this kid, or it is an admin token (admins cannot use keys)",
            404 => "this device does not offer the endpoint (firmware older than 1.2.2?)",
            // QUIRK (spec §3.4): over plain HTTP, hmac/hash answers 409 where every other crypto endpoint answers 418.
            409 when plainHttp() && Path == CryptoHmacCommand.Path =>
                "hmac needs HTTPS: over plain HTTP the device answers 409 (spec §3.4); use an https:// URL",
            413 => "the request is too large: the device takes JSON bodies of at most 7300 bytes (about 5 KB of message)",
            _ => null,
        };
    };
}
