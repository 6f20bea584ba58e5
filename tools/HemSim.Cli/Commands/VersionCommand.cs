using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim version</c>: <c>GET /api/system/version</c> (spec §11.2).</summary>
internal static class VersionCommand
{
    private static readonly (string Field, string Label)[] s_fields =
    [
        ("hwv", "hardware:   "),
        ("fwv", "firmware:   "),
        ("blv", "bootloader: "),
    ];

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var command = new Command("version", "Show the device's hardware, firmware and bootloader versions");
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            HemResponse response = await client.GetAsync("/api/system/version", bearerToken: null, cancellationToken).ConfigureAwait(false);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(response.Text);
                return ExitCodes.Success;
            }

            JsonElement version = response.Json;
            foreach ((string field, string label) in s_fields)
            {
                if (version.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.String)
                {
                    host.Out.WriteLine(label + value.GetString());
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
