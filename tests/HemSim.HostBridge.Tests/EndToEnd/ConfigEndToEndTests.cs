using FluentAssertions;
using HemSim.Cli;
using HemSim.Cli.Input;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// <c>hemsim config</c> against the real bridge process (spec §11.5, §11.6, §11.6.1): change the user name, read it
/// back, change the user passphrase, then only the new passphrase logs in.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class ConfigEndToEndTests
{
    private const string NewPassphrase = "end-to-end new user passphrase";

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Config_change_and_passphrase_rotation_work_through_the_bridge()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            await using var bridge = await BridgeProcess.StartAsync(folder);
            var eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            var token = await client.TokenAsync(bridge, "system:config");

            // Change the user name and read it back.
            var set = await RunCliAsync(bridge, PassphraseClient.UserPassphrase, "config", "set", "--user", "Renamed", "--token", token);
            set.Exit.Should().Be(0, set.Error);
            set.Out.Should().Be("updated\n");
            var get = await RunCliAsync(bridge, PassphraseClient.UserPassphrase, "config", "get", "--json", "--token", token);
            get.Exit.Should().Be(0, get.Error);
            System.Text.Json.Nodes.JsonNode.Parse(get.Out)!["user"]!.GetValue<string>().Should().Be("Renamed");
            (await bridge.GetAsync("/api/auth/token", tls: false)).Json["lbl"]!.GetValue<string>().Should().Be("Renamed");

            // Change the passphrase: the CLI logs in with the current one, then proves the new key (§11.6.1).
            var passwd = await RunCliAsync(bridge, PassphraseClient.UserPassphrase, "config", "passwd");
            passwd.Exit.Should().Be(0, passwd.Error);
            passwd.Out.Should().Contain("user passphrase changed");

            // The old passphrase no longer logs in; the new one does; the admin's is untouched.
            (await client.LoginAsync(bridge, "system:config")).Status.Should().Be(401);
            (await client.LoginAsync(bridge, "system:config", admin: true)).Status.Should().Be(200);
            var after = await RunCliAsync(bridge, NewPassphrase, "config", "get");
            after.Exit.Should().Be(0, after.Error);
            after.Out.Should().Contain("Renamed");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs <c>hemsim</c> in-process over plain HTTP (config allows it, spec §3.1) with the given passphrases.</summary>
    private static async Task<(int Exit, string Out, string Error)> RunCliAsync(BridgeProcess bridge, string userPassphrase, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var environment = new Dictionary<string, string>
        {
            ["HEMSIM_USER_PASSPHRASE"] = userPassphrase,
            ["HEMSIM_NEW_USER_PASSPHRASE"] = NewPassphrase,
        };
        var host = new CliHost(stdout, stderr, new SystemConsoleInput(), environment.GetValueOrDefault, TimeProvider.System);
        var exit = await Program.RunAsync([.. args, "--url", bridge.Http.ToString()], host);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
