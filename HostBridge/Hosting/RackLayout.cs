using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Device;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// An EPA rack (<c>--chips N</c>): N independent chips, numbered 1…N, behind one bridge (or one launcher). Each
/// chip is a whole <see cref="HemDevice"/> with its own flash, secure-element secret, identity, keystore, TLS
/// identity, clock and power state; this class says where each one keeps them. Shared as source with the device
/// launcher (tools/HemSim.Device), so both lay a rack out the same way.
/// <list type="bullet">
/// <item>N = 1 is the single device of old: the data folder, the seed and the port path are used exactly as given,
/// so a device made before racks existed keeps its flash.</item>
/// <item>N &gt; 1: chip i keeps its flash in <c>DATA/c&lt;i&gt;</c>, is published at <c>PATH.c&lt;i&gt;</c>, and
/// with <c>--seed S</c> gets the seed HMAC-SHA256(key = S, "HemSim EPA chip c&lt;i&gt;"): still reproducible from
/// S, but different for every chip, so two chips never make the same keys, nonces or identities.</item>
/// </list>
/// The vendor tester addresses chip <c>$cfg_epa_chipid</c> (default 10) as <c>c10.&lt;domain&gt;</c>: it needs
/// <c>--chips 10</c> or more, or a lower chip id in its configuration.
/// </summary>
internal static class RackLayout
{
    /// <summary>
    /// The largest rack. Every chip is a full device: a thread, an open flash file, a transport session and, with
    /// the launcher, a pseudo-terminal. 64 keeps a rack's start-up and file handles modest on a laptop while leaving
    /// room above the vendor tester's default chip id (10).
    /// </summary>
    public const int MaxChips = 64;

    /// <summary>The first label that names chip <paramref name="chip"/> in a host name: <c>c3</c>.</summary>
    public static string Label(int chip) => "c" + chip.ToString(CultureInfo.InvariantCulture);

    /// <summary>The options of chip <paramref name="chip"/> (1-based) of a rack of <paramref name="chips"/> made with <paramref name="rack"/>.</summary>
    /// <param name="domain">The rack's domain (the bridge's <c>--hostname</c>): a chip's factory hostname is then
    /// <c>c&lt;i&gt;.&lt;domain&gt;</c>; null (the launcher, which knows no domain) keeps the device default.</param>
    public static HemDeviceOptions ChipOptions(HemDeviceOptions rack, int chip, int chips, string? domain = null)
    {
        ArgumentNullException.ThrowIfNull(rack);
        ArgumentOutOfRangeException.ThrowIfLessThan(chip, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chip, chips);
        if (chips == 1)
        {
            return rack;
        }
        return rack with
        {
            DataDirectory = rack.DataDirectory is { } data ? Path.Combine(data, Label(chip)) : null,
            Seed = rack.Seed is { } seed ? ChipSeed(seed, chip) : null,
            FactoryHostname = domain is null ? rack.FactoryHostname : $"{Label(chip)}.{domain}",
        };
    }

    /// <summary>Where chip <paramref name="chip"/> of <paramref name="chips"/> is published: <c>PATH</c> alone, else <c>PATH.c&lt;i&gt;</c>.</summary>
    public static string ChipPort(string path, int chip, int chips) => chips == 1 ? path : $"{path}.{Label(chip)}";

    /// <summary>HMAC-SHA256(key = seed, "HemSim EPA chip c&lt;i&gt;"): one seed per chip, all derived from the rack's.</summary>
    internal static byte[] ChipSeed(byte[] seed, int chip) =>
        HMACSHA256.HashData(seed, Encoding.ASCII.GetBytes("HemSim EPA chip " + Label(chip)));
}
