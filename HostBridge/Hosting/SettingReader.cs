using System.CommandLine;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// One value per option: the command line's if given, else the environment's, else the default. Every bad
/// value is collected as a problem that names the option or variable it came from. Shared as source with the
/// device launcher (tools/HemSim.Device).
/// </summary>
internal sealed class SettingReader(ParseResult parse, Func<string, string?> environment)
{
    private readonly List<string> _problems = [];

    public delegate bool TryParse<T>(string text, out T value);

    public IReadOnlyList<string> Problems => _problems;

    public T Read<T>(Option<string> option, T defaultValue, TryParse<T> tryParse, string complaint)
    {
        string variable = CommandOptions.EnvironmentVariableOf(option);
        bool given = IsGiven(option);
        (string source, string? text) = given ? (option.Name, parse.GetValue(option)) : (variable, environment(variable));
        if (!given && string.IsNullOrEmpty(text))
        {
            return defaultValue;
        }

        if (tryParse(text ?? string.Empty, out T value))
        {
            return value;
        }

        _problems.Add($"{source}: '{text}' {complaint}.");
        return defaultValue;
    }

    public bool ReadSwitch(Option<bool> option)
    {
        string variable = CommandOptions.EnvironmentVariableOf(option);
        if (IsGiven(option))
        {
            return parse.GetValue(option);
        }

        string? text = environment(variable);
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (OptionValues.TryParseSwitch(text, out bool value))
        {
            return value;
        }

        _problems.Add($"{variable}: '{text}' is not one of 1/true/yes/on or 0/false/no/off.");
        return false;
    }

    /// <summary>True when the option is on the command line (an option with a default, like a flag, is implicit otherwise).</summary>
    public bool IsGiven(Option option) => parse.GetResult(option) is { Implicit: false };

    public void Report(string problem) => _problems.Add(problem);
}
