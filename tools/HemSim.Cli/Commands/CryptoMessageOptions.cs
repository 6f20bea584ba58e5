using System.CommandLine;
using System.Text;
using HemSim.Cli.Input;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// The <c>msg</c> of a crypto request, from exactly one of <c>--msg TEXT</c> (its UTF-8 bytes), <c>--msg-b64 B64</c>
/// or <c>--in FILE</c> (raw bytes; <c>-</c> reads standard input). Sent as standard base64 (spec §13: every
/// <c>msg</c> is base64). The size is left to the device: spec §22 #46 says it is not enforced below the 7300-byte
/// body limit, which answers 413.
/// </summary>
internal sealed class CryptoMessageOptions(string what)
{
    public Option<string?> Text { get; } = new("--msg") { Description = $"The {what} as text (sent as its UTF-8 bytes)", HelpName = "TEXT" };

    public Option<string?> Base64 { get; } = new("--msg-b64") { Description = $"The {what} bytes as base64", HelpName = "B64" };

    public Option<string?> File { get; } = new("--in") { Description = $"Read the {what} bytes from FILE ('-': standard input)", HelpName = "FILE" };

    public void AddTo(Command command)
    {
        command.Add(Text);
        command.Add(Base64);
        command.Add(File);
    }

    /// <summary>The message as standard base64; exactly one source must be given.</summary>
    public string Read(ParseResult parse, CryptoVerb verb)
    {
        string? text = parse.GetValue(Text);
        string? base64 = parse.GetValue(Base64);
        string? path = parse.GetValue(File);
        int given = (text is null ? 0 : 1) + (base64 is null ? 0 : 1) + (path is null ? 0 : 1);
        if (given != 1)
        {
            throw new CliUsageException(given == 0
                ? $"give the {what} with --msg TEXT, --msg-b64 B64 or --in FILE"
                : "--msg, --msg-b64 and --in exclude each other");
        }

        if (text is not null)
        {
            return Base64Text.Encode(Encoding.UTF8.GetBytes(text));
        }

        if (base64 is not null)
        {
            return Base64Text.TryDecodeAny(base64, out byte[]? bytes) ? Base64Text.Encode(bytes) : throw new CliUsageException("--msg-b64 is not valid base64");
        }

        if (path == "-" && verb.PassphraseFromStdin(parse))
        {
            throw new CliUsageException("--in - and --passphrase-stdin cannot both read standard input");
        }

        return Base64Text.Encode(ReadFile(path!, verb.Input));
    }

    private static byte[] ReadFile(string path, IConsoleInput console)
    {
        try
        {
            if (path != "-")
            {
                return System.IO.File.ReadAllBytes(path);
            }

            using Stream stdin = console.OpenStandardInput();
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read '{path}': {ex.Message}");
        }
    }
}
