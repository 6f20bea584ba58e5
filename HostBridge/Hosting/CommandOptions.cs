using System.CommandLine;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// How HemSim commands define options: every option has an environment variable named after it, and its help
/// text names that variable and the default. Shared as source with the device launcher (tools/HemSim.Device).
/// </summary>
internal static class CommandOptions
{
    /// <summary>The environment variable of an option: <c>--http-port</c> → <c>HEMSIM_HTTP_PORT</c>.</summary>
    public static string EnvironmentVariableOf(Option option) =>
        "HEMSIM_" + option.Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();

    /// <summary>An option whose text is parsed later, so that the command line and the environment share one parser.</summary>
    public static Option<string> Define(string name, string valueName, string description, string defaultText)
    {
        var option = new Option<string>(name) { HelpName = valueName };
        option.Description = $"{description} [env: {EnvironmentVariableOf(option)}] [default: {defaultText}]";
        return option;
    }
}
