using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim config set --user NAME …</c>: <c>POST /api/system/config</c> with only the given fields (spec §11.6).
/// Limits are checked before any request: <c>user</c> ≤32 characters, <c>email</c> ≤64, <c>origin</c> ≤128 (the
/// simulator's limits; a real device may differ), <c>--dosprot-mode</c> 0–4. The device refuses the whole request
/// (400) when one field is invalid, and answers <c>updated:false</c> when nothing changed.
/// </summary>
internal static class ConfigSetCommand
{
    public const int MaxUserLength = 32, MaxEmailLength = 64, MaxOriginLength = 128;

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var texts = new (string Field, Option<string?> Option, int Max)[]
        {
            ("user", new Option<string?>("--user") { Description = $"Display name, at most {MaxUserLength} characters", HelpName = "NAME" }, MaxUserLength),
            ("email", new Option<string?>("--email") { Description = $"Contact e-mail, at most {MaxEmailLength} characters", HelpName = "EMAIL" }, MaxEmailLength),
            ("origin", new Option<string?>("--origin") { Description = "CORS allow-list: *, an origin or *.domain, comma-separated", HelpName = "ORIGINS" }, MaxOriginLength),
        };
        var switches = new (string Field, Option<string?> Option)[]
        {
            ("trusted_ts", Switch("--trusted-ts", "Trust the check-in backend's time")),
            ("trusted_backend", Switch("--trusted-backend", "Let the backend run management actions")),
            ("allow_keysearch", Switch("--allow-keysearch", "Allow anonymous prefix key search")),
            ("http_option_hsts", Switch("--hsts", "Send Strict-Transport-Security on HTTPS answers")),
            ("dnsd", Switch("--dnsd", "Run the on-device DNS server (PPA)")),
        };
        var numbers = new (string Field, Option<long?> Option, long Min, long Max)[]
        {
            ("ctx", new Option<long?>("--ctx") { Description = "Instance context number", HelpName = "N" }, 0, long.MaxValue),
            ("http_option_dosprot_mode", new Option<long?>("--dosprot-mode") { Description = "Request time limit in 0.5 s units, 0 (off) to 4", HelpName = "0-4" }, 0, 4),
            ("storage_mode", new Option<long?>("--storage-mode") { Description = "Storage mode (PPA)", HelpName = "N" }, 0, long.MaxValue),
            ("storage_disk0size", new Option<long?>("--storage-disk0size") { Description = "Disk 0 size in 512-byte sectors (PPA; a change reformats)", HelpName = "SECTORS" }, 0, long.MaxValue),
        };
        var auth = new BearerTokenOptions(ConfigCommand.Scope);
        var command = new Command("set", "Change configuration fields; only the options given are sent");
        foreach (var (_, option, _) in texts)
        {
            command.Add(option);
        }

        foreach (var (_, option) in switches)
        {
            command.Add(option);
        }

        foreach (var (_, option, _, _) in numbers)
        {
            command.Add(option);
        }

        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            var fields = new List<Action<Utf8JsonWriter>>();
            foreach (var (field, option, max) in texts)
            {
                if (parse.GetValue(option) is { } text)
                {
                    if (text.Length > max)
                    {
                        throw new CliUsageException($"{option.Name} is at most {max} characters");
                    }

                    fields.Add(writer => writer.WriteString(field, text));
                }
            }

            foreach (var (field, option) in switches)
            {
                if (parse.GetValue(option) is { } text)
                {
                    bool on = OnOff(option.Name, text);
                    fields.Add(writer => writer.WriteBoolean(field, on));
                }
            }

            foreach (var (field, option, min, max) in numbers)
            {
                if (parse.GetValue(option) is { } number)
                {
                    if (number < min || number > max)
                    {
                        throw new CliUsageException(max == long.MaxValue ? $"{option.Name} must not be negative" : $"{option.Name} must be {min}–{max}");
                    }

                    fields.Add(writer => writer.WriteNumber(field, number));
                }
            }

            if (fields.Count == 0)
            {
                throw new CliUsageException("nothing to change: give at least one option (see --help)");
            }

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            byte[] body = CompactJson.Write(writer => fields.ForEach(write => write(writer)));
            HemResponse reply = await client.PostJsonAsync("/api/system/config", body, bearer, cancellationToken).ConfigureAwait(false);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(reply.Text);
            }
            else
            {
                bool updated = reply.Json.TryGetProperty("updated", out JsonElement value) && value.ValueKind == JsonValueKind.True;
                host.Out.WriteLine(updated ? "updated" : "no change (the device already had these values)");
            }

            return ExitCodes.Success;
        }, ConfigCommand.Hint(on400: "the device refused a value; nothing was changed")));
        return command;
    }

    private static Option<string?> Switch(string name, string description) =>
        new(name) { Description = description + ": on or off", HelpName = "on|off" };

    private static bool OnOff(string option, string value) => value.ToLowerInvariant() switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        _ => throw new CliUsageException($"{option} takes on or off, not '{value}'"),
    };
}
