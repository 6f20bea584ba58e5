using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim diag …</c>: the DIAG build's endpoints G1–G9 (spec §16, <c>/api/diag/*</c>). They take no token (the
/// device does not authenticate them) and answer 404 on a production build — the bridge serves them only with
/// <c>--diag</c>.
/// </summary>
internal static class DiagCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var command = new Command("diag", "DIAG build only (bridge --diag): liveness, TRNG sample, fault injection, memory dump; no token");
        command.Add(Simple(global, host, "test", "/api/diag/test", "Check that the DIAG endpoints answer (G1)",
            "ok: the DIAG build answers"));
        command.Add(DiagTrngCommand.CreateSample(global, host));
        command.Add(Simple(global, host, "break-temp", "/api/diag/break_temp",
            "Fake a temperature-sensor failure until reboot (G3; latches fault bit 0x04)",
            "armed: temperature fault (fault bit 0x04) until reboot; see `hemsim status`"));
        command.Add(DiagTrngCommand.CreateBreak(global, host));
        command.Add(Simple(global, host, "break-tls", "/api/diag/break_tls",
            "Arm a TLS fault: after 5 more handshakes, some HTTPS connections fail until reboot (G5)",
            "armed: after 5 more TLS handshakes some HTTPS connections fail, until reboot"));
        command.Add(Simple(global, host, "disable-selftest", "/api/diag/disable_selftest",
            "Stop the periodic self-tests until reboot (G6): armed faults then wait for an explicit self-test",
            "periodic self-tests stopped until reboot"));
        command.Add(CreateWipeConfig(global, host));
        command.Add(DiagRepoCommand.CreateCorrupt(global, host));
        command.Add(DiagRepoCommand.CreateMemdump(global, host));
        return command;
    }

    /// <summary>Explains the refusals every DIAG endpoint shares.</summary>
    public static string? Hint(HemStatusException failure) => failure.Status switch
    {
        404 => "not a DIAG build: start the bridge with --diag (a production device has no /api/diag endpoints)",
        _ => null,
    };

    /// <summary>A verb that sends one GET, expects an empty 200 and prints <paramref name="done"/> (nothing with --json).</summary>
    private static Command Simple(GlobalOptions global, CliHost host, string name, string path, string description, string done)
    {
        var command = new Command(name, description);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            HemResponse response = await client.GetAsync(path, bearerToken: null, cancellationToken).ConfigureAwait(false);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(response.Text);
            }
            else
            {
                host.Out.WriteLine(done);
            }

            return ExitCodes.Success;
        }, Hint));
        return command;
    }

    private static Command CreateWipeConfig(GlobalOptions global, CliHost host)
    {
        var yes = new Option<bool>("--yes") { Description = "Confirm: erase the configuration, every key and the device identity" };
        var command = new Command("wipe-config",
            "Erase configuration, keys and identity without a token and reboot fresh (G7; needs --yes)") { yes };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            if (!parse.GetValue(yes))
            {
                throw new CliUsageException("wipe-config erases every key and the configuration for good: add --yes to confirm");
            }

            using HemClient client = global.CreateClient(parse, host);
            HemResponse response = await client.GetAsync("/api/diag/wipe_config", bearerToken: null, cancellationToken).ConfigureAwait(false);
            host.Out.WriteLine(global.JsonOutput(parse)
                ? response.Text
                : "wiped: the device reboots into the factory-fresh state (run `hemsim init` to provision it)");
            return ExitCodes.Success;
        }, Hint));
        return command;
    }
}
