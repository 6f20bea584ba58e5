using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// How a crypto verb prints its result: the base64 value alone on stdout (ready for a pipe), or with
/// <c>--out FILE</c> the raw bytes in FILE; with <c>--json</c>, the device's answer as it came (the file is still
/// written).
/// </summary>
internal sealed class CryptoOutput
{
    public Option<string?> File { get; } = new("--out") { Description = "Write the raw result bytes to FILE instead of printing base64", HelpName = "FILE" };

    public void AddTo(Command command) => command.Add(File);

    /// <summary>Prints or stores the answer's member <paramref name="field"/> (base64 bytes) of <paramref name="path"/>.</summary>
    public int Present(ParseResult parse, GlobalOptions global, CliHost host, HemResponse reply, string path, string field)
    {
        byte[] bytes = RequiredBytes(reply, path, field);
        bool json = global.JsonOutput(parse);
        if (json)
        {
            host.Out.WriteLine(reply.Text);
        }

        if (parse.GetValue(File) is { } file)
        {
            WriteFile(file, bytes);
            if (!json)
            {
                host.Out.WriteLine($"wrote {bytes.Length} bytes to {file}");
            }
        }
        else if (!json)
        {
            host.Out.WriteLine(Base64Text.Encode(bytes));
        }

        return ExitCodes.Success;
    }

    /// <summary>The bytes of a base64 member of the answer; a missing or undecodable member is a protocol error.</summary>
    public static byte[] RequiredBytes(HemResponse reply, string path, string field) =>
        Base64Text.TryDecodeAny(reply.RequiredString(field), out byte[]? bytes)
            ? bytes
            : throw new HemProtocolException($"{path}: the answer's \"{field}\" is not base64");

    private static void WriteFile(string path, byte[] bytes)
    {
        try
        {
            // Results may be secrets (plaintext, unwrapped keys, shared secrets): a new file is owner-only on Unix.
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, options);
            stream.Write(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot write '{path}': {ex.Message}");
        }
    }
}
