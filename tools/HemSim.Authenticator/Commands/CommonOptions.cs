using System.CommandLine;
using HemSim.Authenticator.Broker;
using HemSim.Authenticator.State;

namespace HemSim.Authenticator.Commands;

/// <summary>Options every command accepts: where the broker is, how to trust it, where the pairings are kept.</summary>
internal sealed class CommonOptions
{
    public CommonOptions(AuthenticatorHost host)
    {
        Broker = new Option<string?>("--broker")
        {
            Description = $"Broker base URL for 'run' instead of the one each pairing was made through (env {EnvironmentVariables.Broker})",
            HelpName = "URL",
            Recursive = true,
            DefaultValueFactory = _ => host.Variable(EnvironmentVariables.Broker),
        };
        Ca = new Option<string?>("--ca")
        {
            Description = $"PEM CA certificate to trust as the only root for the broker's HTTPS (env {EnvironmentVariables.CaCertificate})",
            HelpName = "PATH",
            Recursive = true,
            DefaultValueFactory = _ => host.Variable(EnvironmentVariables.CaCertificate),
        };
        State = new Option<string>("--state")
        {
            Description = $"Sealed state file with the pairings; its key is FILE.key (env {EnvironmentVariables.State})",
            HelpName = "FILE",
            Recursive = true,
            DefaultValueFactory = _ => host.Variable(EnvironmentVariables.State) ?? DefaultStatePath(),
        };
    }

    public Option<string?> Broker { get; }

    public Option<string?> Ca { get; }

    public Option<string> State { get; }

    /// <summary>The per-user data folder, next to the bridge's <c>hemsim</c> data.</summary>
    public static string DefaultStatePath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "hemsim", "authenticator.state");

    public void AddTo(Command root)
    {
        root.Add(Broker);
        root.Add(Ca);
        root.Add(State);
    }

    public PairingStore OpenStore(ParseResult parse) => PairingStore.Open(parse.GetValue(State)!);

    public BrokerClient CreateBroker(ParseResult parse) => BrokerClient.Create(parse.GetValue(Ca));

    /// <summary>The <c>--broker</c> override, validated.</summary>
    public Uri? BrokerOverride(ParseResult parse)
    {
        if (parse.GetValue(Broker) is not { } text)
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--broker must be an absolute http:// or https:// URL, not '{text}'");
        }
        // Relative routes are resolved against it: keep one trailing slash.
        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
