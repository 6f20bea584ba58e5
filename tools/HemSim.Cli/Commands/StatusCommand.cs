using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim status</c>: <c>GET /api/system/status</c> (spec §11.1).</summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var command = new Command("status", "Show whether the device is initialised, its fault state, uptime and clock");
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            HemResponse response = await client.GetAsync("/api/system/status", bearerToken: null, cancellationToken).ConfigureAwait(false);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(response.Text);
            }
            else
            {
                Print(response.Json, host.Out);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Print(JsonElement status, TextWriter output)
    {
        // The device signals "not initialised" by the presence of `inited` (always false), never by inited:true.
        bool initialised = !status.TryGetProperty("inited", out _);
        output.WriteLine($"initialised: {(initialised ? "yes" : "no")}");

        if (status.TryGetProperty("fls_state", out JsonElement fls) && fls.TryGetInt64(out long flsState))
        {
            output.WriteLine($"fls_state:   {flsState}{(flsState == 0 ? " (healthy)" : " (fault latched — reboot to clear)")}");
        }

        if (status.TryGetProperty("uptime", out JsonElement uptime) && uptime.TryGetInt64(out long seconds))
        {
            output.WriteLine($"uptime:      {seconds} s");
        }

        if (status.TryGetProperty("time", out JsonElement time) && time.TryGetInt64(out long unix))
        {
            string iso = status.TryGetProperty("ts", out JsonElement ts) && ts.ValueKind == JsonValueKind.String
                ? ts.GetString()!
                : DateTimeOffset.FromUnixTimeSeconds(unix).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
            output.WriteLine($"time:        {iso} ({unix})");
        }
        else
        {
            output.WriteLine("time:        not set (the device needs a check-in)");
        }

        PrintIfPresent(status, "hostname", "hostname:    ", output);
        // Present (true) only during the first boot after a firmware install (spec §11.1).
        if (status.TryGetProperty("fw_upgrade", out JsonElement upgraded) && upgraded.ValueKind == JsonValueKind.True)
        {
            output.WriteLine("fw_upgrade:  yes (first boot after a firmware install)");
        }
        PrintIfPresent(status, "format", "format:      ", output);
        if (status.TryGetProperty("storage", out JsonElement storage) && storage.ValueKind == JsonValueKind.Array)
        {
            output.WriteLine($"storage:     {string.Join(", ", storage.EnumerateArray().Select(disk => disk.ToString()))}");
        }
    }

    private static void PrintIfPresent(JsonElement status, string name, string label, TextWriter output)
    {
        if (status.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String)
        {
            output.WriteLine(label + value.GetString());
        }
    }
}
