using System.CommandLine;
using System.Globalization;
using HemSim.Cli.ExtAuth;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim ext pair [--label NAME] [--broker URL] [--poll S] [--timeout S]</c>: pairs an authenticator app
/// (spec §9.1, <see cref="PairingFlow"/>). It prints the QR payload and its link at once, waits for the app, and
/// prints the new record's kid and the pairing code, with the instruction to compare it with the app's: the device
/// cannot tell the user's app from a broker, or anyone holding the link, that answered with a key of its own
/// (docs/EXTERNAL-AUTH.md §3 step 7) — the user comparing the codes can. With <c>--json</c> only the result goes to
/// stdout; the QR payload and the instruction go to stderr, so a script still shows them to the user.
/// </summary>
internal static class ExtPairCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var label = new Option<string?>("--label")
        {
            Description = "Pair only an app that answers with this label (checked before the device stores it)",
            HelpName = "NAME",
        };
        var broker = new ExtBrokerOptions(host);
        var auth = new BearerTokenOptions(ExtCommand.PairScope);
        var command = new Command("pair", "Pair an authenticator app: show the QR payload, wait for the app, store it on the device") { label };
        broker.AddTo(command);
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            HemConnectionSettings device = global.Resolve(parse);
            BrokerPolling polling = broker.Polling(parse, host);
            bool json = global.JsonOutput(parse);
            using BrokerClient brokerClient = broker.CreateClient(parse, device);
            using HemClient client = HemClient.Create(device, host.Error);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);

            TextWriter progress = json ? host.Error : host.Out;
            PairingResult result = await new PairingFlow(client, bearer, brokerClient, polling).RunAsync((qr, link) =>
            {
                progress.WriteLine($"qr:    {qr}");
                progress.WriteLine($"link:  {link}");
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"waiting up to {polling.Timeout.TotalSeconds:0.#} s for the app..."));
            }, parse.GetValue(label), cancellationToken).ConfigureAwait(false);

            string compare = $"compare this code with the code the app shows; if they differ, someone else answered: run 'hemsim keys delete {result.Kid}'";
            if (json)
            {
                host.Error.WriteLine(compare);
                host.Out.WriteLine(System.Text.Encoding.UTF8.GetString(CompactJson.Write(writer =>
                {
                    writer.WriteString("kid", result.Kid);
                    writer.WriteString("code", result.Code);
                    writer.WriteString("label", result.Label);
                    writer.WriteString("pid", result.Pid);
                })));
                return ExitCodes.Success;
            }
            host.Out.WriteLine($"kid:   {result.Kid}");
            host.Out.WriteLine($"label: {result.Label}");
            host.Out.WriteLine($"code:  {result.Code}");
            host.Out.WriteLine(compare);
            return ExitCodes.Success;
        }, ExtCommand.Hint));
        return command;
    }
}
