using System.Net;
using HemSim.Firmware.Checkin;

namespace HemSim.Backend.Hosting;

/// <summary>What the stand-in backend serves and how: listener, certificate, key and the action it orders.</summary>
internal sealed record BackendOptions
{
    public const int DefaultHttpsPort = 8444;

    /// <summary>The name the vendor clients hard-code for the backend (spec §8).</summary>
    public const string DefaultHostname = "api.encedo.com";

    /// <summary>Folder holding the HemSim CA (<c>ca.pem</c>, <c>ca.key.pem</c>): the bridge's data folder.</summary>
    public required string DataDirectory { get; init; }

    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>HTTPS port; 0 picks a free port.</summary>
    public int HttpsPort { get; init; } = DefaultHttpsPort;

    /// <summary>Name the server certificate is issued for, besides <c>localhost</c> and the loopback addresses.</summary>
    public string Hostname { get; init; } = DefaultHostname;

    /// <summary>X25519 private key the backend signs with. Default: the published test key (not secret).</summary>
    public byte[] PrivateKey { get; init; } = TestBackendKey.PrivateKey;

    /// <summary>Action letter ordered in every answer (spec §8.3): OK, L, W, R, B or U.</summary>
    public string Action { get; init; } = "OK";

    /// <summary>The <c>iat</c> to send instead of the host's time (test rigs); null: host time.</summary>
    public long? FixedTime { get; init; }
}
