using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Hosting;
using HemSim.Transport.Links;

namespace HemSim.Device;

/// <summary>What the launcher runs: the port, its pacing and tap, and the device itself.</summary>
/// <param name="Port">Absolute path of the port to open or publish.</param>
/// <param name="BaudRate">Line rate; null for the default with no software pacing.</param>
/// <param name="Tap">pcapng file that records every frame, or null.</param>
/// <param name="Chips">EPA rack size (<see cref="RackLayout"/>): chip i on <c>PORT.c&lt;i&gt;</c> (tap <c>TAP.c&lt;i&gt;</c>) when more than 1.</param>
internal sealed record LauncherSettings(string Port, int? BaudRate, string? Tap, HemDeviceOptions Device, int Chips = 1);

/// <summary>
/// The launcher's command line: <c>--port</c> plus the bridge's device options, each with its environment
/// variable (the command line wins over the environment, which wins over the default).
/// </summary>
internal sealed class DeviceCommand
{
    private readonly DeviceOptionSet _device = new("Folder for the device flash and its secret");
    private readonly Option<string> _port = CommandOptions.Define("--port", "PATH",
        "Serial port: an existing one (USB-serial adapter, end of a socat pair) is opened; otherwise a virtual one " +
        "(Linux pseudo-terminal) is published at PATH", "none; required");
    private readonly Option<string> _baud = CommandOptions.Define("--baud", "N",
        "Line rate; a pseudo-terminal is paced to it in software", $"{SerialPortLink.DefaultBaudRate}, unpaced");
    private readonly Option<string> _tap = CommandOptions.Define("--tap", "FILE",
        "Record every frame in both directions to this pcapng file (Wireshark opens it)", "no recording");

    public DeviceCommand()
    {
        Root = new RootCommand("HemSim device launcher: runs a simulated Encedo HEM alone on a serial port.")
        {
            _port, _device.Data, _device.Seed, _device.KeystoreSlots, _device.Clock, _device.Variant, _device.Diag, _device.StrictTls, _device.PqcPublicKeys, _device.StrictMlDsaVerify, _device.PowerOnDelay, _device.BackendKey, _device.VendorKey, _device.UsbModeTime, _device.Chips, _baud, _tap,
        };
    }

    public RootCommand Root { get; }

    /// <summary>
    /// Reads every setting from <paramref name="parse"/>, falling back to <paramref name="environment"/> and then
    /// to the defaults. On failure <paramref name="errors"/> names each bad value and where it came from.
    /// </summary>
    public bool TryReadSettings(ParseResult parse, Func<string, string?> environment,
        [NotNullWhen(true)] out LauncherSettings? settings, out IReadOnlyList<string> errors)
    {
        var reader = new SettingReader(parse, environment);
        string? port = reader.Read<string?>(_port, null, OptionValues.TryParsePath, "is not a usable path");
        if (port is null && reader.Problems.Count == 0)
        {
            reader.Report($"--port: a port path is required (or {CommandOptions.EnvironmentVariableOf(_port)}).");
        }
        string? data = _device.ReadDataDirectory(reader);
        HemDeviceOptions device = _device.ReadDevice(reader, data);
        int chips = _device.ReadChips(reader, device.Variant);
        int? baud = reader.Read<int?>(_baud, null, OptionValues.TryParseBaud, "is not a baud rate (50-10000000)");
        string? tap = reader.Read<string?>(_tap, null, OptionValues.TryParsePath, "is not a usable path");

        errors = reader.Problems;
        settings = errors.Count == 0 ? new LauncherSettings(port!, baud, tap, device, chips) : null;
        return settings is not null;
    }
}
