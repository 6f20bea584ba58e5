using System.CommandLine;
using HemSim.Authenticator.Broker;
using HemSim.Authenticator.State;

namespace HemSim.Authenticator.Commands;

/// <summary>
/// <c>hemsim-authenticator run</c>: the app in the foreground (docs/EXTERNAL-AUTH.md §4 step 5). Polls the broker
/// for every pairing's events, answers each by the chosen policy and prints one line per decision. A broker that is
/// briefly unreachable, or an event that cannot be read, is a warning on stderr, not the end: a phone keeps trying too.
/// </summary>
internal static class RunCommand
{
    /// <summary>Printed once polling starts, so tests and scripts know they can send requests.</summary>
    public const string ReadyLine = "HEMSIM AUTHENTICATOR READY";

    public static Command Create(CommonOptions common, AuthenticatorHost host)
    {
        var approve = new Option<bool>("--approve") { Description = "Approve every request with the scope it asks for" };
        var deny = new Option<bool>("--deny") { Description = "Deny every request" };
        var ask = new Option<bool>("--ask") { Description = "Ask y/n on standard input for every request (the default)" };
        var prefixes = new Option<string[]>("--approve-prefix")
        {
            Description = "Approve requests whose scope starts with one of these scopes, deny the rest",
            HelpName = "SCOPE",
            AllowMultipleArgumentsPerToken = true,
        };
        var once = new Option<bool>("--once") { Description = "Exit after the first request approved or denied" };
        var poll = new Option<double>("--poll") { Description = "Seconds between polls of the broker", HelpName = "SECONDS", DefaultValueFactory = _ => 2 };

        var command = new Command("run", "Answer approval requests from the broker until stopped (Ctrl+C)") { approve, deny, ask, prefixes, once, poll };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            ApprovalPolicy policy = ChoosePolicy(parse.GetValue(approve), parse.GetValue(deny), parse.GetValue(ask), parse.GetValue(prefixes) ?? [], host);
            TimeSpan pollEvery = Seconds.Parse(parse.GetValue(poll), "--poll");
            Uri? brokerOverride = common.BrokerOverride(parse);
            PairingStore store = common.OpenStore(parse);
            if (store.Pairings.Count == 0)
            {
                throw new UsageException("nothing is paired yet: run 'pair LINK' first");
            }
            if (brokerOverride is null && store.Pairings.All(pairing => pairing.Broker is null))
            {
                throw new UsageException("no pairing names a broker: pass --broker URL");
            }

            using BrokerClient broker = common.CreateBroker(parse);
            var authenticator = new VirtualAuthenticator(policy, store);
            host.Out.WriteLine(ReadyLine);
            host.Out.Flush();
            try
            {
                while (true)
                {
                    foreach (AuthAnswer answer in await PollAsync(authenticator, broker, brokerOverride, host, cancellationToken).ConfigureAwait(false))
                    {
                        TextWriter writer = answer.Kind == AnswerKind.Ignored ? host.Error : host.Out;
                        writer.WriteLine(Describe(answer));
                        writer.Flush();
                        if (parse.GetValue(once) && answer.Kind != AnswerKind.Ignored)
                        {
                            return ExitCodes.Success;
                        }
                    }
                    await Task.Delay(pollEvery, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
        }));
        return command;
    }

    private static async Task<IReadOnlyList<AuthAnswer>> PollAsync(
        VirtualAuthenticator authenticator, BrokerClient broker, Uri? brokerOverride, AuthenticatorHost host, CancellationToken cancellationToken)
    {
        try
        {
            return await authenticator.AnswerPendingAsync(broker, brokerOverride, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or BrokerException && !cancellationToken.IsCancellationRequested)
        {
            host.Error.WriteLine($"warning: {ex.Message}; trying again");
            return [];
        }
    }

    private static ApprovalPolicy ChoosePolicy(bool approve, bool deny, bool ask, string[] prefixes, AuthenticatorHost host)
    {
        int chosen = (approve ? 1 : 0) + (deny ? 1 : 0) + (ask ? 1 : 0) + (prefixes.Length > 0 ? 1 : 0);
        if (chosen > 1)
        {
            throw new UsageException("choose one of --approve, --deny, --ask and --approve-prefix");
        }
        if (prefixes.Any(prefix => prefix.Length == 0))
        {
            throw new UsageException("--approve-prefix needs a non-empty scope");
        }
        return approve ? ApprovalPolicy.ApproveAll
            : deny ? ApprovalPolicy.DenyAll
            : prefixes.Length > 0 ? ApprovalPolicy.ApprovePrefixes(prefixes)
            : ApprovalPolicy.Ask(prompt => AskOnConsole(prompt, host));
    }

    /// <summary>One y/n question; anything but y/yes, or the end of input, is a denial.</summary>
    private static Decision AskOnConsole(ApprovalPrompt prompt, AuthenticatorHost host)
    {
        string key = prompt.KeyType is null ? "" : $" (key {prompt.KeyType} \"{prompt.KeyLabel}\")";
        string context = (prompt.Request.Ctx is { } ctx ? $" ctx \"{ctx}\"" : "") + (prompt.Request.Note is { } note ? $" note \"{note}\"" : "");
        host.Out.Write($"approve {prompt.RequestedScope}{key} for \"{prompt.Pairing.Label}\"?{context} [y/N] ");
        host.Out.Flush();
        string? line = host.In.ReadLine()?.Trim();
        return line is not null && (line.Equals("y", StringComparison.OrdinalIgnoreCase) || line.Equals("yes", StringComparison.OrdinalIgnoreCase))
            ? Decision.Approve()
            : Decision.Deny();
    }

    private static string Describe(AuthAnswer answer) => answer.Kind switch
    {
        AnswerKind.Approved => $"approved {answer.ApprovedScope} for \"{answer.Pairing!.Label}\" (event {answer.EventId})",
        AnswerKind.Denied => $"denied {answer.RequestedScope} for \"{answer.Pairing!.Label}\" (event {answer.EventId})",
        _ => $"warning: ignored event {answer.EventId}: {answer.Reason}",
    };
}
