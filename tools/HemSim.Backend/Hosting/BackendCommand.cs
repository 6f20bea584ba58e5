using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using HemSim.HostBridge.Hosting;

namespace HemSim.Backend.Hosting;

/// <summary>
/// The backend's command line. Every option has an environment variable <c>HEMSIM_BACKEND_&lt;NAME&gt;</c>
/// (<c>--https-port</c> → <c>HEMSIM_BACKEND_HTTPS_PORT</c>); the command line wins over the environment, which
/// wins over the default. Values are parsed by the bridge's parsers, so both accept the same addresses and names.
/// </summary>
internal sealed class BackendCommand
{
    private static readonly string[] s_actions = ["OK", "L", "W", "R", "B", "U"];

    private readonly Option<string> _data = Define("--data", "DIR",
        "Data folder holding the HemSim CA (the bridge's; the CA is created there when missing)", "$XDG_DATA_HOME/hemsim or ~/.local/share/hemsim");
    private readonly Option<string> _bind = Define("--bind", "ADDR", "IP address to listen on", "127.0.0.1");
    private readonly Option<string> _httpsPort = Define("--https-port", "N", "HTTPS port; 0 picks a free one",
        BackendOptions.DefaultHttpsPort.ToString(CultureInfo.InvariantCulture));
    private readonly Option<string> _hostname = Define("--hostname", "NAME",
        "Name the HTTPS certificate is issued for (besides localhost, 127.0.0.1 and ::1)", BackendOptions.DefaultHostname);
    private readonly Option<string> _action = Define("--action", "OK|L|W|R|B|U",
        "Action every check-in answer orders (the device obeys only with trusted_backend on)", "OK");
    private readonly Option<string> _privateKey = Define("--private-key", "B64",
        "X25519 private key to sign with; the device must trust its public half (--backend-key)", "the published HemSim test backend key");
    private readonly Option<string> _time = Define("--time", "SECONDS",
        "Unix time to send as iat instead of the host's time (test rigs)", "host time");

    public BackendCommand()
    {
        Root = new RootCommand("HemSim stand-in for the Encedo backend: answers POST /checkin, certificate registration (POST /domain/register/NAME/AUTHKEY) and the external-authenticator broker relay (/notify/*, docs/EXTERNAL-AUTH.md) over HTTPS.")
        {
            _data, _bind, _httpsPort, _hostname, _action, _privateKey, _time,
        };
    }

    public RootCommand Root { get; }

    /// <summary>The environment variable of an option: <c>--https-port</c> → <c>HEMSIM_BACKEND_HTTPS_PORT</c>.</summary>
    public static string EnvironmentVariableOf(Option option) =>
        "HEMSIM_BACKEND_" + option.Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();

    public bool TryReadSettings(ParseResult parse, Func<string, string?> environment, [NotNullWhen(true)] out BackendOptions? options, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        T Read<T>(Option<string> option, T fallback, SettingReader.TryParse<T> tryParse, string complaint)
        {
            bool given = parse.GetResult(option) is { Implicit: false };
            string variable = EnvironmentVariableOf(option);
            (string source, string? text) = given ? (option.Name, parse.GetValue(option)) : (variable, environment(variable));
            if (!given && string.IsNullOrEmpty(text))
            {
                return fallback;
            }
            if (tryParse(text ?? "", out T value))
            {
                return value;
            }
            // Never echo a key in a message.
            problems.Add(option == _privateKey ? $"{source}: {complaint}." : $"{source}: '{text}' {complaint}.");
            return fallback;
        }

        string? data = Read<string?>(_data, null, OptionValues.TryParsePath, "is not a usable folder path") ?? DeviceOptionSet.DefaultDataDirectory();
        IPAddress bind = Read(_bind, IPAddress.Loopback, OptionValues.TryParseAddress, "is not an IPv4 or IPv6 address");
        int port = Read(_httpsPort, BackendOptions.DefaultHttpsPort, OptionValues.TryParsePort, "is not a port number (0-65535)");
        string hostname = Read(_hostname, BackendOptions.DefaultHostname, TryHostname, "is not a host name or IP address");
        string action = Read(_action, "OK", TryAction, "is not one of OK, L, W, R, B, U");
        byte[]? key = Read<byte[]?>(_privateKey, null, TryPrivateKey, "is not a base64 32-byte X25519 private key");
        long? time = Read<long?>(_time, null, TryTime, "is not Unix seconds (0-4294967295)");
        if (data is null && problems.Count == 0)
        {
            problems.Add("No per-user data folder is known (HOME is not set); pass --data DIR.");
        }

        errors = problems;
        options = null;
        if (problems.Count > 0)
        {
            return false;
        }
        options = new BackendOptions { DataDirectory = data!, BindAddress = bind, HttpsPort = port, Hostname = hostname, Action = action, FixedTime = time };
        if (key is not null)
        {
            options = options with { PrivateKey = key };
        }
        return true;
    }

    private static Option<string> Define(string name, string valueName, string description, string defaultText)
    {
        var option = new Option<string>(name) { HelpName = valueName };
        option.Description = $"{description} [env: {EnvironmentVariableOf(option)}] [default: {defaultText}]";
        return option;
    }

    private static bool TryHostname(string text, out string hostname)
    {
        hostname = text;
        return OptionValues.IsHostname(text);
    }

    private static bool TryAction(string text, out string action)
    {
        action = text.ToUpperInvariant();
        return s_actions.Contains(action);
    }

    private static bool TryPrivateKey(string text, out byte[]? key) => OptionValues.TryParseX25519Key(text, out key);

    private static bool TryTime(string text, out long? time)
    {
        bool parsed = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value <= uint.MaxValue;
        time = parsed ? value : null;
        return parsed;
    }
}
