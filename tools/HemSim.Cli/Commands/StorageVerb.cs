using System.CommandLine;
using HemSim.Cli.Auth;
using HemSim.Cli.Http;
using HemSim.Cli.Input;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim storage lock</c> (T1) and <c>hemsim storage unlock [--rw|--ro]</c> (T2–T4). The device takes the disk
/// and the rw flag from the token's scope, never from the URL (spec §14), so the login asks for
/// <c>storage:disk&lt;N&gt;</c>, plus <c>:rw</c> for a read-write unlock. A given token's scope decides alone.
/// </summary>
internal static class StorageVerb
{
    public static Command CreateLock(GlobalOptions global, CliHost host)
    {
        var command = new Command("lock", "Hide the disk from the USB host (status '-')");
        var options = new StorageOptions(command, withMode: false);
        command.SetAction((parse, cancellationToken) =>
            RunAsync(global, host, parse, options, "/api/storage/lock", rw: false, "locked", cancellationToken));
        return command;
    }

    public static Command CreateUnlock(GlobalOptions global, CliHost host)
    {
        var command = new Command("unlock",
            "Expose the disk to the USB host: --rw read-write (scope …:rw), --ro read-only; neither: read-only");
        var options = new StorageOptions(command, withMode: true);
        command.SetAction((parse, cancellationToken) =>
        {
            bool rw = parse.GetValue(options.ReadWrite), ro = parse.GetValue(options.ReadOnly);
            (string path, string done) = (rw, ro) switch
            {
                (true, true) => ("", ""),
                (true, false) => ("/api/storage/unlock/rw", "unlocked read-write"),
                (false, true) => ("/api/storage/unlock/ro", "unlocked read-only"),
                _ => ("/api/storage/unlock", "unlocked read-only"),
            };
            return RunAsync(global, host, parse, options, path, rw, done, cancellationToken);
        });
        return command;
    }

    private static Task<int> RunAsync(
        GlobalOptions global, CliHost host, ParseResult parse, StorageOptions options, string path, bool rw, string done,
        CancellationToken cancellationToken) => CommandRunner.RunAsync(host, async () =>
    {
        if (path.Length == 0)
        {
            throw new CliUsageException("--rw and --ro exclude each other");
        }
        int disk = parse.GetValue(options.Disk);
        if (disk is not (0 or 1))
        {
            throw new CliUsageException($"--disk must be 0 or 1, not {disk}");
        }
        string scope = $"storage:disk{disk}" + (rw ? ":rw" : "");
        using HemClient client = global.CreateClient(parse, host);
        string bearer = await ResolveTokenAsync(options.Auth, scope, parse, client, host, cancellationToken).ConfigureAwait(false);
        await client.GetAsync(path, bearer, cancellationToken).ConfigureAwait(false);
        if (!global.JsonOutput(parse))
        {
            host.Out.WriteLine($"disk{disk} {done}");
        }

        return ExitCodes.Success;
    }, failure => failure.Path.StartsWith("/api/storage/", StringComparison.Ordinal)
        ? failure.Status switch
        {
            403 => "the token's scope must start with storage:disk (a master login is refused)",
            404 => "this device has no mass storage (EPA build)",
            406 => path.EndsWith("/rw", StringComparison.Ordinal)
                ? "the token's scope must be storage:disk0:rw or storage:disk1:rw"
                : "the token's scope must name disk 0 or 1 (storage:disk0 or storage:disk1)",
            409 => "the device is uninitialised or a fault is latched (see hemsim status)",
            _ => null,
        }
        : LoginCommand.LoginHint(failure));

    /// <summary>The given token (<c>--token</c>, <c>HEMSIM_TOKEN</c>), else a user login for <paramref name="scope"/>.</summary>
    private static async Task<string> ResolveTokenAsync(
        BearerTokenOptions auth, string scope, ParseResult parse, HemClient client, CliHost host, CancellationToken cancellationToken)
    {
        if ((parse.GetValue(auth.Token) ?? host.Variable(EnvironmentVariables.Token)) is { } given)
        {
            return given;
        }

        using Passphrase passphrase = new PassphraseSource(host, parse.GetValue(auth.PassphraseStdin)).Read(PassphraseRole.User, confirm: false);
        return await LocalLogin.LoginAsync(client, passphrase, scope, LoginCommand.DefaultLifetimeSeconds, host.Clock, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The options of both verbs: the disk, the token or passphrase, and (unlock) the mode.</summary>
    private sealed class StorageOptions
    {
        public StorageOptions(Command command, bool withMode)
        {
            Disk = new Option<int>("--disk")
            {
                Description = "Disk slot: 0 regular, 1 secure (goes into the login scope; a given token's scope decides)",
                DefaultValueFactory = _ => 0,
                HelpName = "0|1",
            };
            command.Add(Disk);
            if (withMode)
            {
                command.Add(ReadWrite);
                command.Add(ReadOnly);
            }
            Auth.AddTo(command);
        }

        public Option<int> Disk { get; }

        public Option<bool> ReadWrite { get; } = new("--rw") { Description = "Read-write (GET /api/storage/unlock/rw)" };

        public Option<bool> ReadOnly { get; } = new("--ro") { Description = "Read-only (GET /api/storage/unlock/ro)" };

        public BearerTokenOptions Auth { get; } = new("storage:disk<N>[:rw]");
    }
}
