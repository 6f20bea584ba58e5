using System.Net;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// Listener and certificate settings of the bridge. Device settings (seed, clock, variant, …) are
/// <c>HemDeviceOptions</c>; the bridge itself holds no device state.
/// </summary>
public sealed record BridgeOptions
{
    public const int DefaultHttpPort = 8080;
    public const int DefaultHttpsPort = 8443;

    /// <summary>The real device's factory hostname (spec §3.1).</summary>
    public const string DefaultHostname = "my.ence.do";

    /// <summary>Folder holding the local CA (<c>ca.pem</c>, <c>ca.key.pem</c>); created when missing.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Plain HTTP port; 0 picks a free port.</summary>
    public int HttpPort { get; init; } = DefaultHttpPort;

    /// <summary>HTTPS port; 0 picks a free port.</summary>
    public int HttpsPort { get; init; } = DefaultHttpsPort;

    /// <summary>Address both listeners bind to.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Name the server certificate is issued for, besides <c>localhost</c> and the loopback addresses.</summary>
    public string Hostname { get; init; } = DefaultHostname;

    /// <summary>
    /// Absolute path of a folder served for <c>GET</c>/<c>HEAD</c> on paths outside <c>/api</c> (e.g. a dashboard
    /// build, <see cref="Http.StaticFolder"/>); null serves nothing, so every path goes to the device.
    /// </summary>
    public string? StaticDirectory { get; init; }

    /// <summary>
    /// The per-user data folder: <c>$XDG_DATA_HOME/hemsim</c>, else <c>~/.local/share/hemsim</c>
    /// (on Windows <c>%LOCALAPPDATA%\hemsim</c>).
    /// </summary>
    public static string DefaultDataDirectory() =>
        DeviceOptionSet.DefaultDataDirectory()
        ?? throw new BridgeStartupException("No per-user data folder is known (HOME is not set); pass --data DIR.");
}
