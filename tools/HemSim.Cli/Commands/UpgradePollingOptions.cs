using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>--poll</c> and <c>--timeout</c>: how often and how long to repeat an upgrade check (spec §11.10).</summary>
internal sealed class UpgradePollingOptions
{
    public Option<int> Poll { get; } = new("--poll")
    {
        Description = "Seconds between checks (the vendor clients use 4–10)",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => UpgradeCheck.DefaultPollSeconds,
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Give up when the image is still not verified after this many seconds",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => UpgradeCheck.DefaultTimeoutSeconds,
    };

    public void AddTo(Command command)
    {
        command.Add(Poll);
        command.Add(Timeout);
    }

    public (TimeSpan Poll, TimeSpan Timeout) Resolve(ParseResult parse)
    {
        int poll = parse.GetValue(Poll);
        int timeout = parse.GetValue(Timeout);
        if (poll < 0 || timeout < 0)
        {
            throw new CliUsageException("--poll and --timeout are seconds, 0 or more");
        }

        return (TimeSpan.FromSeconds(poll), TimeSpan.FromSeconds(timeout));
    }
}
