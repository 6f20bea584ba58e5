using System.CommandLine;
using System.Globalization;
using HemSim.Cli.ExtAuth;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// Where the broker is and how long to wait for the app: <c>--broker</c>, <c>--poll</c>, <c>--timeout</c>, shared
/// by <c>hemsim ext pair</c> and <c>hemsim ext login</c>. The broker's certificate is checked with the device's
/// trust (<c>--ca</c>, <c>--insecure</c>): the stand-in backend started on the bridge's data folder has its
/// certificate from the same HemSim CA.
/// </summary>
internal sealed class ExtBrokerOptions
{
    /// <summary>The stand-in backend on its default port (tools/HemSim.Backend, BackendOptions.DefaultHttpsPort).</summary>
    public const string DefaultBroker = "https://127.0.0.1:8444";

    /// <summary>Environment variable for <c>--broker</c>.</summary>
    public const string BrokerVariable = "HEMSIM_BROKER";

    /// <summary>The vendor tester's poll interval ([T] test_5, test_6).</summary>
    public const double DefaultPollSeconds = 5;

    public const double DefaultTimeoutSeconds = 60;

    public ExtBrokerOptions(CliHost host)
    {
        Broker = new Option<string>("--broker")
        {
            Description = $"Broker URL; only its origin is used (env {BrokerVariable})",
            HelpName = "URL",
            DefaultValueFactory = _ => host.Variable(BrokerVariable) ?? DefaultBroker,
        };
        Poll = new Option<double>("--poll")
        {
            Description = "Seconds between two questions to the broker while the app has not answered",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => DefaultPollSeconds,
        };
        Timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for the app before giving up",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
        };
    }

    public Option<string> Broker { get; }

    public Option<double> Poll { get; }

    public Option<double> Timeout { get; }

    public void AddTo(Command command)
    {
        command.Add(Broker);
        command.Add(Poll);
        command.Add(Timeout);
    }

    /// <summary>A broker client with the device's trust; a bad URL is a <see cref="CliUsageException"/>.</summary>
    public BrokerClient CreateClient(ParseResult parse, HemConnectionSettings device)
    {
        string text = parse.GetValue(Broker) ?? DefaultBroker;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new CliUsageException($"--broker must be an absolute https:// URL, not '{text}'");
        }
        return new BrokerClient(device, url);
    }

    /// <summary>The polling settings; both values must be positive.</summary>
    public BrokerPolling Polling(ParseResult parse, CliHost host)
    {
        double poll = parse.GetValue(Poll);
        double timeout = parse.GetValue(Timeout);
        if (!(poll > 0) || !(timeout > 0) || double.IsInfinity(poll) || double.IsInfinity(timeout))
        {
            throw new CliUsageException(string.Create(CultureInfo.InvariantCulture,
                $"--poll and --timeout must be positive numbers of seconds, not {poll} and {timeout}"));
        }
        return new BrokerPolling(TimeSpan.FromSeconds(poll), TimeSpan.FromSeconds(timeout), host.Clock);
    }
}
