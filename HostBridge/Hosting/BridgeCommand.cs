using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using HemSim.Firmware.Device;

namespace HemSim.HostBridge.Hosting;

/// <summary>Everything the command line and the environment decided: the bridge's listeners and the device.</summary>
internal sealed record BridgeSettings(BridgeOptions Bridge, HemDeviceOptions Device);

/// <summary>
/// The bridge's command line. Every option also has an environment variable; the command line wins
/// over the environment, which wins over the default.
/// </summary>
internal sealed class BridgeCommand
{
    private readonly Option<string> _data = Define("--data", "DIR",
        "Folder for the device flash, its secret and the local CA", "$XDG_DATA_HOME/hemsim or ~/.local/share/hemsim");
    private readonly Option<string> _httpPort = Define("--http-port", "N",
        "Plain HTTP port; 0 picks a free one", BridgeOptions.DefaultHttpPort.ToString());
    private readonly Option<string> _httpsPort = Define("--https-port", "N",
        "HTTPS port; 0 picks a free one", BridgeOptions.DefaultHttpsPort.ToString());
    private readonly Option<string> _bind = Define("--bind", "ADDR",
        "IP address both listeners bind to", "127.0.0.1");
    private readonly Option<string> _hostname = Define("--hostname", "NAME",
        "Name the HTTPS certificate is issued for (besides localhost, 127.0.0.1 and ::1)", BridgeOptions.DefaultHostname);
    private readonly Option<string> _seed = Define("--seed", "HEX",
        "Seed for deterministic entropy: INSECURE, for reproducible test rigs only", "OS entropy");
    private readonly Option<string> _keystoreSlots = Define("--keystore-slots", "N",
        "Number of key slots, fixed when the device is made", HemDeviceOptions.DefaultKeystoreSlots.ToString());
    private readonly Option<string> _clock = Define("--clock", "host|unset|SECONDS",
        "RTC at boot: host time, not set, or this Unix time", "host");
    private readonly Option<string> _variant = Define("--variant", "ppa|epa",
        "Hardware variant (EPA has no MSC endpoints)", "ppa");
    private readonly Option<bool> _diag = new("--diag")
    {
        Description = "DIAG firmware build: /api/diag/* exists and fwv ends in -DIAG [env: HEMSIM_DIAG=1]",
    };

    public BridgeCommand()
    {
        Root = new RootCommand("HemSim host bridge: serves a simulated Encedo HEM over HTTP and HTTPS.")
        {
            _data, _httpPort, _httpsPort, _bind, _hostname, _seed, _keystoreSlots, _clock, _variant, _diag,
        };
    }

    public RootCommand Root { get; }

    /// <summary>
    /// Reads every setting from <paramref name="parse"/>, falling back to <paramref name="environment"/>
    /// and then to the defaults. On failure <paramref name="errors"/> names each bad value and where it came from.
    /// </summary>
    public bool TryReadSettings(ParseResult parse, Func<string, string?> environment, [NotNullWhen(true)] out BridgeSettings? settings, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var reader = new SettingReader(parse, environment, problems);

        string? data = reader.Read<string?>(_data, null, TryFolder, "is not a usable folder path");
        int httpPort = reader.Read(_httpPort, BridgeOptions.DefaultHttpPort, OptionValues.TryParsePort, "is not a port number (0-65535)");
        int httpsPort = reader.Read(_httpsPort, BridgeOptions.DefaultHttpsPort, OptionValues.TryParsePort, "is not a port number (0-65535)");
        IPAddress bind = reader.Read(_bind, IPAddress.Loopback, OptionValues.TryParseAddress, "is not an IPv4 or IPv6 address");
        string hostname = reader.Read(_hostname, BridgeOptions.DefaultHostname, TryHostname, "is not a host name or IP address");
        byte[]? seed = reader.Read<byte[]?>(_seed, null, TrySeed, "is not a hex string of whole bytes");
        int slots = reader.Read(_keystoreSlots, HemDeviceOptions.DefaultKeystoreSlots, OptionValues.TryParseSlots, "is not a positive number");
        (ClockMode Mode, long Time) clock = reader.Read(_clock, (ClockMode.Host, 0L), TryClock, "is not 'host', 'unset' or Unix seconds (0-4294967295)");
        HardwareVariant variant = reader.Read(_variant, HardwareVariant.Ppa, OptionValues.TryParseVariant, "is not 'ppa' or 'epa'");
        bool diag = reader.ReadSwitch(_diag);

        if (data is null && problems.Count == 0)
        {
            try
            {
                data = BridgeOptions.DefaultDataDirectory();
            }
            catch (BridgeStartupException exception)
            {
                problems.Add(exception.Message);
            }
        }

        errors = problems;
        settings = null;
        if (problems.Count > 0)
        {
            return false;
        }

        var bridge = new BridgeOptions { DataDirectory = data!, HttpPort = httpPort, HttpsPort = httpsPort, BindAddress = bind, Hostname = hostname };
        var device = new HemDeviceOptions
        {
            DataDirectory = data,
            KeystoreSlots = slots,
            Seed = seed,
            ClockMode = clock.Mode,
            FixedTime = clock.Time,
            Variant = variant,
            Diag = diag,
        };
        settings = new BridgeSettings(bridge, device);
        return true;
    }

    /// <summary>The environment variable of an option: <c>--http-port</c> → <c>HEMSIM_HTTP_PORT</c>.</summary>
    public static string EnvironmentVariableOf(Option option) =>
        "HEMSIM_" + option.Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();

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

    private static bool TrySeed(string text, out byte[]? seed)
    {
        bool parsed = OptionValues.TryParseSeed(text, out byte[] bytes);
        seed = bytes;
        return parsed;
    }

    private static bool TryClock(string text, out (ClockMode Mode, long Time) clock)
    {
        bool parsed = OptionValues.TryParseClock(text, out ClockMode mode, out long time);
        clock = (mode, time);
        return parsed;
    }

    private static bool TryFolder(string text, out string? folder)
    {
        folder = null;
        if (text.Length == 0 || text.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return false;
        }

        folder = Path.GetFullPath(text);
        return true;
    }

    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>One value per option: the command line's if given, else the environment's, else the default.</summary>
    private sealed class SettingReader(ParseResult parse, Func<string, string?> environment, List<string> problems)
    {
        public T Read<T>(Option<string> option, T defaultValue, TryParse<T> tryParse, string complaint)
        {
            string variable = EnvironmentVariableOf(option);
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

            problems.Add($"{source}: '{text}' {complaint}.");
            return defaultValue;
        }

        public bool ReadSwitch(Option<bool> option)
        {
            string variable = EnvironmentVariableOf(option);
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

            problems.Add($"{variable}: '{text}' is not one of 1/true/yes/on or 0/false/no/off.");
            return false;
        }

        // An option that has a default (a flag is false) has a result even when absent; it is implicit then.
        private bool IsGiven(Option option) => parse.GetResult(option) is { Implicit: false };
    }
}
