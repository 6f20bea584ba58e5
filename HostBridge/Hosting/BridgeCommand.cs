using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Serial;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// Everything the command line and the environment decided: the bridge's listeners, and either the embedded
/// device (<paramref name="Device"/>) or a device on a serial port (<paramref name="Serial"/>, which makes
/// <paramref name="Device"/> unused), and how many chips of an EPA rack there are (<paramref name="Chips"/>, <see cref="RackLayout"/>).
/// </summary>
internal sealed record BridgeSettings(BridgeOptions Bridge, HemDeviceOptions Device, SerialLinkOptions? Serial = null, int Chips = 1);

/// <summary>
/// The bridge's command line. Every option also has an environment variable; the command line wins
/// over the environment, which wins over the default.
/// </summary>
internal sealed class BridgeCommand
{
    private readonly DeviceOptionSet _device = new("Folder for the device flash, its secret and the local CA");
    private readonly Option<string> _httpPort = CommandOptions.Define("--http-port", "N",
        "Plain HTTP port; 0 picks a free one", BridgeOptions.DefaultHttpPort.ToString());
    private readonly Option<string> _httpsPort = CommandOptions.Define("--https-port", "N",
        "HTTPS port; 0 picks a free one", BridgeOptions.DefaultHttpsPort.ToString());
    private readonly Option<string> _bind = CommandOptions.Define("--bind", "ADDR",
        "IP address both listeners bind to", "127.0.0.1");
    private readonly Option<string> _hostname = CommandOptions.Define("--hostname", "NAME",
        "Name the HTTPS certificate is issued for (besides localhost, 127.0.0.1 and ::1); with --chips, the EPA domain (chip i is ci.NAME)", BridgeOptions.DefaultHostname);
    private readonly Option<string> _static = CommandOptions.Define("--static", "DIR",
        "Serve this folder's files for GET and HEAD on paths outside /api (index.html for folders)", "none");
    private readonly Option<string> _serial = CommandOptions.Define("--serial", "PATH",
        "Serve the device on this serial port (e.g. one the device launcher published) instead of an embedded one", "embedded device");
    private readonly Option<string> _baud = CommandOptions.Define("--baud", "N",
        "With --serial: line rate; a pseudo-terminal is paced to it in software", $"{Transport.Links.SerialPortLink.DefaultBaudRate}, unpaced");

    public BridgeCommand()
    {
        Root = new RootCommand("HemSim host bridge: serves a simulated Encedo HEM over HTTP and HTTPS.")
        {
            _device.Data, _httpPort, _httpsPort, _bind, _hostname,
            _device.Seed, _device.KeystoreSlots, _device.Clock, _device.Variant, _device.Diag, _device.StrictTls, _device.PqcPublicKeys, _device.StrictMlDsaVerify, _device.PowerOnDelay, _device.BackendKey, _device.VendorKey, _device.UsbModeTime,
            _device.Chips, _serial, _baud, _static,
        };
    }

    public RootCommand Root { get; }

    /// <summary>
    /// Reads every setting from <paramref name="parse"/>, falling back to <paramref name="environment"/>
    /// and then to the defaults. On failure <paramref name="errors"/> names each bad value and where it came from.
    /// </summary>
    public bool TryReadSettings(ParseResult parse, Func<string, string?> environment, [NotNullWhen(true)] out BridgeSettings? settings, out IReadOnlyList<string> errors)
    {
        var reader = new SettingReader(parse, environment);

        string? data = _device.ReadDataDirectory(reader);
        int httpPort = reader.Read(_httpPort, BridgeOptions.DefaultHttpPort, OptionValues.TryParsePort, "is not a port number (0-65535)");
        int httpsPort = reader.Read(_httpsPort, BridgeOptions.DefaultHttpsPort, OptionValues.TryParsePort, "is not a port number (0-65535)");
        IPAddress bind = reader.Read(_bind, IPAddress.Loopback, OptionValues.TryParseAddress, "is not an IPv4 or IPv6 address");
        string hostname = reader.Read(_hostname, BridgeOptions.DefaultHostname, TryHostname, "is not a host name or IP address");
        HemDeviceOptions device = _device.ReadDevice(reader, data);
        SerialLinkOptions? serial = ReadSerial(reader);
        // Beside --serial the chips were made by the launcher, which checked their variant.
        int chips = _device.ReadChips(reader, serial is null ? device.Variant : null);
        string? staticDirectory = reader.Read<string?>(_static, null, TryExistingFolder, "is not an existing folder");

        errors = reader.Problems;
        settings = null;
        if (errors.Count > 0)
        {
            return false;
        }

        var bridge = new BridgeOptions
        {
            DataDirectory = data!, HttpPort = httpPort, HttpsPort = httpsPort, BindAddress = bind, Hostname = hostname,
            StaticDirectory = staticDirectory,
        };
        settings = new BridgeSettings(bridge, device, serial, chips);
        return true;
    }

    /// <summary>The environment variable of an option: <c>--http-port</c> → <c>HEMSIM_HTTP_PORT</c>.</summary>
    public static string EnvironmentVariableOf(Option option) => CommandOptions.EnvironmentVariableOf(option);

    /// <summary>
    /// <c>--serial</c> and <c>--baud</c>. A device on a serial port was made by whoever started it (the device
    /// launcher), so options that shape the embedded device are refused beside <c>--serial</c>; their
    /// environment variables are ignored then, as a shell may well hold them for the launcher.
    /// </summary>
    private SerialLinkOptions? ReadSerial(SettingReader reader)
    {
        string? path = reader.Read<string?>(_serial, null, OptionValues.TryParsePath, "is not a usable path");
        int? baud = reader.Read<int?>(_baud, null, OptionValues.TryParseBaud, "is not a baud rate (50-10000000)");
        if (path is null)
        {
            if (reader.IsGiven(_baud))
            {
                reader.Report("--baud: paces a serial link; it needs --serial PATH (the embedded device has no line rate).");
            }
            return null;
        }
        foreach (Option option in _device.Shaping.Where(reader.IsGiven))
        {
            reader.Report($"{option.Name}: configures the embedded device; a device on --serial is configured where it runs " +
                "(pass it to the device launcher, tools/HemSim.Device).");
        }
        return new SerialLinkOptions(path, baud);
    }

    private static bool TryExistingFolder(string text, out string? path) =>
        OptionValues.TryParsePath(text, out path) && Directory.Exists(path);

    private static bool TryHostname(string text, out string hostname)
    {
        hostname = text;
        return OptionValues.IsHostname(text);
    }
}
