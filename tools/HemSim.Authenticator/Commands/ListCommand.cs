using System.CommandLine;
using HemSim.Authenticator.State;

namespace HemSim.Authenticator.Commands;

/// <summary><c>hemsim-authenticator list</c>: the pairings in the state file, one per line.</summary>
internal static class ListCommand
{
    public static Command Create(CommonOptions common, AuthenticatorHost host)
    {
        var command = new Command("list", "List the pairings: pid, kid on the device, label, device eid, broker");
        command.SetAction((parse, _) => CommandRunner.RunAsync(host, () =>
        {
            PairingStore store = common.OpenStore(parse);
            if (store.Pairings.Count == 0)
            {
                host.Out.WriteLine("no pairings");
            }
            foreach (Pairing pairing in store.Pairings)
            {
                host.Out.WriteLine($"{pairing.Pid}  kid {pairing.Kid}  \"{pairing.Label}\"  eid {pairing.Eid}  broker {pairing.Broker?.ToString() ?? "-"}");
            }
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
