using System.CommandLine;
using HemSim.Authenticator.Broker;
using HemSim.Authenticator.State;

namespace HemSim.Authenticator.Commands;

/// <summary>
/// <c>hemsim-authenticator pair LINK</c>: scans the "QR code" (docs/EXTERNAL-AUTH.md §3 steps 4 and 7): answers
/// the device's pairing request through the broker, prints the pairing code it computed (the user compares it with
/// the code the client prints), waits for the client's finalise and keeps the pairing only when the device's code
/// matches the app's.
/// </summary>
internal static class PairCommand
{
    public const string DefaultLabel = "HemSim authenticator";

    public static Command Create(CommonOptions common, AuthenticatorHost host)
    {
        var link = new Argument<string>("LINK") { Description = "The link from the QR payload, or the whole QR payload JSON" };
        var label = new Option<string>("--label")
        {
            Description = "The app's name on the device (1-31 printable ASCII characters)",
            HelpName = "NAME",
            DefaultValueFactory = _ => DefaultLabel,
        };
        var poll = new Option<double>("--poll") { Description = "Seconds between checks for the client's finalise", HelpName = "SECONDS", DefaultValueFactory = _ => 1 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the finalise", HelpName = "SECONDS", DefaultValueFactory = _ => 120 };

        var command = new Command("pair", "Pair with a device: answer its pairing request and confirm the code") { link, label, poll, timeout };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            TimeSpan pollEvery = Seconds.Parse(parse.GetValue(poll), "--poll");
            TimeSpan waitAtMost = Seconds.Parse(parse.GetValue(timeout), "--timeout");
            PairingStore store = common.OpenStore(parse);
            using BrokerClient broker = common.CreateBroker(parse);
            var authenticator = new VirtualAuthenticator(ApprovalPolicy.DenyAll, store);
            host.Out.WriteLine($"answering the pairing request; then waiting up to {waitAtMost.TotalSeconds:0.#} s for the client to finalise");
            host.Out.Flush();
            Pairing pairing = await authenticator
                .PairAsync(broker, parse.GetValue(link)!, parse.GetValue(label)!, pollEvery, waitAtMost, pending =>
                {
                    host.Out.WriteLine($"code: {pending.Code} (the client must show the same code)");
                    host.Out.Flush();
                }, cancellationToken)
                .ConfigureAwait(false);
            host.Out.WriteLine($"paired: pid {pairing.Pid} kid {pairing.Kid} label \"{pairing.Label}\" (the device's code matched)");
            return ExitCodes.Success;
        }));
        return command;
    }
}
