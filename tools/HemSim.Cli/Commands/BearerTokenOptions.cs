using System.CommandLine;
using HemSim.Cli.Auth;
using HemSim.Cli.Http;
using HemSim.Cli.Input;

namespace HemSim.Cli.Commands;

/// <summary>
/// The "token or log in" rule of the commands that need a bearer token: <c>--token</c>, else
/// <c>HEMSIM_TOKEN</c>, else a user login for <see cref="Scope"/> with the passphrase from
/// <c>--passphrase-stdin</c>, the environment or the terminal.
/// </summary>
internal sealed class BearerTokenOptions
{
    public BearerTokenOptions(string scope)
    {
        Scope = scope;
        Token = new Option<string?>("--token")
        {
            // No DefaultValueFactory: help prints defaults, and a token is a secret.
            Description = $"Bearer token with scope {scope} (env {EnvironmentVariables.Token}); without it the command logs in",
            HelpName = "TOKEN",
        };
        PassphraseStdin = PassphraseOptions.CreateStdinOption();
    }

    /// <summary>The scope a login asks for (spec §5.4).</summary>
    public string Scope { get; }

    public Option<string?> Token { get; }

    public Option<bool> PassphraseStdin { get; }

    public void AddTo(Command command)
    {
        command.Add(Token);
        command.Add(PassphraseStdin);
    }

    /// <summary>The given token, or a fresh one from a user login. Call it after every local check has passed.</summary>
    public async Task<string> ResolveAsync(ParseResult parse, HemClient client, CliHost host, CancellationToken cancellationToken)
    {
        if ((parse.GetValue(Token) ?? host.Variable(EnvironmentVariables.Token)) is { } given)
        {
            return given;
        }

        using Passphrase passphrase = new PassphraseSource(host, parse.GetValue(PassphraseStdin)).Read(PassphraseRole.User, confirm: false);
        return await LocalLogin.LoginAsync(client, passphrase, Scope, LoginCommand.DefaultLifetimeSeconds, host.Clock, cancellationToken)
            .ConfigureAwait(false);
    }
}
