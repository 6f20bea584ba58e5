using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim logs get ID</c>: <c>GET /api/logger/{file}</c> (spec §15.3). Prints the file as the device sent it (text,
/// LF line ends), or with <c>--out FILE</c> stores its exact bytes, ready for <c>hemsim logs verify</c>.
/// </summary>
internal static class LogsGetCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var id = new Argument<string>("ID") { Description = "Log file id: 8 hex characters, as `hemsim logs list` prints them" };
        var output = new Option<string?>("--out") { Description = "Write the file to FILE instead of printing it", HelpName = "FILE" };
        var auth = new BearerTokenOptions(LogsCommand.Scope);

        var command = new Command("get", "Download one audit-log file; the current boot's file is locked until the next boot") { id, output };
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string file = FileId(parse.GetValue(id) ?? "");

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            HemResponse reply = await client.GetAsync("/api/logger/" + file, bearer, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(output) is { } path)
            {
                Write(path, reply.Body);
                host.Out.WriteLine($"wrote {reply.Body.Length} bytes to {path}");
            }
            else
            {
                host.Out.Write(reply.Text);
            }

            return ExitCodes.Success;
        }, LogsCommand.Hints(status => status switch
        {
            404 => "no log file with this id, or the device has no log storage (EPA)",
            406 => "this is the file the device is writing now (the current boot's); it can be read after the next boot",
            _ => null,
        })));
        return command;
    }

    /// <summary>The id in the device's spelling (lowercase); anything but 8 hex characters is a usage error.</summary>
    internal static string FileId(string text) =>
        text.Length == 8 && text.All(char.IsAsciiHexDigit)
            ? text.ToLowerInvariant()
            : throw new CliUsageException($"a log file id is 8 hex characters, not '{text}'");

    private static void Write(string path, byte[] bytes)
    {
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot write '{path}': {ex.Message}");
        }
    }
}
