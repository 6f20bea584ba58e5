using System.CommandLine;
using HemSim.Cli.Commands;
using HemSim.Cli.Input;

namespace HemSim.Cli;

/// <summary>Entry point of <c>hemsim</c>, the command-line client for the HemSim bridge or a real HEM.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => RunAsync(args, CliHost.FromProcess());

    /// <summary>Runs one command line in-process with the given output writers (tests use this).</summary>
    internal static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IConsoleInput? input = null) =>
        RunAsync(args, CliHost.FromProcess() with { Out = stdout, Error = stderr, Input = input ?? new SystemConsoleInput() });

    internal static Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        RootCommand root = CreateRootCommand(host);
        var invocation = new InvocationConfiguration { Output = host.Out, Error = host.Error };
        return root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }

    internal static RootCommand CreateRootCommand(CliHost host)
    {
        var global = new GlobalOptions(host);
        var root = new RootCommand("hemsim — client for the HemSim bridge or an Encedo HEM (firmware 1.2.2 API).");
        global.AddTo(root);
        root.Add(StatusCommand.Create(global, host));
        root.Add(VersionCommand.Create(global, host));
        root.Add(InitCommand.Create(global, host));
        root.Add(LoginCommand.Create(global, host));
        root.Add(KeysCommand.Create(global, host));
        root.Add(CryptoCommand.Create(global, host));
        root.Add(LogsCommand.Create(global, host));
        root.Add(ConfigCommand.Create(global, host));
        root.Add(CheckinCommand.Create(global, host));
        root.Add(SelfTestCommand.Create(global, host));
        root.Add(ShutdownCommand.Create(global, host));
        root.Add(RebootCommand.Create(global, host));
        root.Add(AttestationCommand.Create(global, host));
        root.Add(StorageCommand.Create(global, host));
        root.Add(TlsCommand.Create(global, host));
        root.Add(DiagCommand.Create(global, host));
        root.Add(UpgradeCommand.Create(global, host));
        root.Add(ImageCommand.Create(global, host));
        root.Add(ExtCommand.Create(global, host));
        return root;
    }
}
