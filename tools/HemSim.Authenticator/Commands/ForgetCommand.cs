using System.CommandLine;

namespace HemSim.Authenticator.Commands;

/// <summary><c>hemsim-authenticator forget PID</c>: drops a pairing and its key (the device's record stays).</summary>
internal static class ForgetCommand
{
    public static Command Create(CommonOptions common, AuthenticatorHost host)
    {
        var pid = new Argument<string>("PID") { Description = "The pairing id as 'list' prints it" };
        var command = new Command("forget", "Forget a pairing (delete the device's record with 'hemsim keys delete')") { pid };
        command.SetAction((parse, _) => CommandRunner.RunAsync(host, () =>
        {
            var authenticator = new VirtualAuthenticator(ApprovalPolicy.DenyAll, common.OpenStore(parse));
            string id = parse.GetValue(pid)!;
            if (!authenticator.Forget(id))
            {
                throw new UsageException($"no pairing with pid '{id}'");
            }
            host.Out.WriteLine($"forgot {id}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
