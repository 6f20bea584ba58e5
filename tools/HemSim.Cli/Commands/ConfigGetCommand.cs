using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim config get</c>: <c>GET /api/system/config</c> (spec §11.5). Text output lists the settings; the per-boot
/// protocol values <c>spk</c> and <c>nonce</c> appear only with <c>--json</c>, which prints the answer as it came.
/// </summary>
internal static class ConfigGetCommand
{
    /// <summary>Members the text output leaves out: the boot's session key and a single-use rotation nonce.</summary>
    private static readonly HashSet<string> s_protocolMembers = new(StringComparer.Ordinal) { "spk", "nonce" };

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var auth = new BearerTokenOptions(ConfigCommand.Scope);
        var command = new Command("get", "Show the device configuration (token scope system:config, logger:get or auth:ext:pair)");
        auth.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            HemResponse reply = await client.GetAsync("/api/system/config", bearer, cancellationToken).ConfigureAwait(false);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(reply.Text);
            }
            else
            {
                Print(reply.Json, host.Out);
            }

            return ExitCodes.Success;
        }, ConfigCommand.Hint()));
        return command;
    }

    private static void Print(JsonElement config, TextWriter output)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            throw new HemProtocolException("the configuration is not a JSON object");
        }

        List<JsonProperty> shown = [.. config.EnumerateObject().Where(p => !s_protocolMembers.Contains(p.Name))];
        int width = shown.Count == 0 ? 0 : shown.Max(p => p.Name.Length) + 1;
        foreach (JsonProperty property in shown)
        {
            output.WriteLine($"{(property.Name + ":").PadRight(width)} {Format(property.Name, property.Value)}");
        }
    }

    private static string Format(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "on",
        JsonValueKind.False => "off",
        JsonValueKind.Number when name is "iat" or "uts" && value.TryGetInt64(out long unix)
            => $"{DateTimeOffset.FromUnixTimeSeconds(unix):yyyy-MM-dd'T'HH:mm:ss'Z'} ({unix})",
        _ => value.GetRawText(),
    };
}
