using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>--descr TEXT</c> / <c>--descr-b64 B64</c>: a key description (spec §17.3), at most 64 bytes.</summary>
internal sealed class DescriptionOptions
{
    public Option<string?> Text { get; } = new("--descr") { Description = "Description text (sent as base64 of its UTF-8 bytes)", HelpName = "TEXT" };

    public Option<string?> Base64 { get; } = new("--descr-b64") { Description = "Description bytes as base64", HelpName = "B64" };

    public void AddTo(Command command)
    {
        command.Add(Text);
        command.Add(Base64);
    }

    /// <summary>Standard base64 of the description, or <c>null</c> when neither option was given.</summary>
    public string? Read(ParseResult parse) => KeyArguments.Description(parse.GetValue(Text), parse.GetValue(Base64));
}
