using System.CommandLine;
using HemSim.Authenticator.Commands;

namespace HemSim.Authenticator;

/// <summary>
/// Entry point of <c>hemsim-authenticator</c>, the virtual "phone app" of docs/EXTERNAL-AUTH.md: pairs with a
/// device through the broker and answers its remote-login requests.
/// </summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => RunAsync(args, AuthenticatorHost.FromProcess());

    /// <summary>Runs one command line in-process with the given host (tests use this).</summary>
    internal static Task<int> RunAsync(string[] args, AuthenticatorHost host, CancellationToken cancellationToken = default)
    {
        var common = new CommonOptions(host);
        var root = new RootCommand("hemsim-authenticator — a virtual external authenticator (phone app) for HemSim devices.");
        common.AddTo(root);
        root.Add(PairCommand.Create(common, host));
        root.Add(ListCommand.Create(common, host));
        root.Add(ForgetCommand.Create(common, host));
        root.Add(RunCommand.Create(common, host));
        var invocation = new InvocationConfiguration { Output = host.Out, Error = host.Error };
        return root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
