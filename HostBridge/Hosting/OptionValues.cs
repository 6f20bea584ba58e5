using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HemSim.Firmware.Device;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// Parsers for the text of each bridge option, shared by the command line and the environment (and, as
/// source, with the device launcher in tools/HemSim.Device). Each returns false for a value it does not
/// accept, and never throws.
/// </summary>
internal static class OptionValues
{
    public static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= IPEndPoint.MaxPort;

    /// <summary>A dotted-quad IPv4 or an IPv6 literal (not the legacy forms <c>1</c> or <c>127.1</c>).</summary>
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (!IPAddress.TryParse(text, out IPAddress? parsed))
        {
            return false;
        }

        if (parsed.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>A DNS name or an IP literal, as a certificate's subject alternative name can carry it.</summary>
    public static bool IsHostname(string text) =>
        Uri.CheckHostName(text) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;

    public static bool TryParseSeed(string text, out byte[] seed)
    {
        seed = [];
        if (text.Length == 0 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        seed = Convert.FromHexString(text);
        return true;
    }

    /// <summary>A file or folder path, made absolute against the current folder.</summary>
    public static bool TryParsePath(string text, out string? path)
    {
        path = null;
        if (text.Length == 0 || text.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return false;
        }

        path = Path.GetFullPath(text);
        return true;
    }

    /// <summary>A serial line rate in baud, 50 to 10,000,000 (e.g. 9600, 115200, 921600).</summary>
    public static bool TryParseBaud(string text, out int? baud)
    {
        bool parsed = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is >= 50 and <= 10_000_000;
        baud = parsed ? value : null;
        return parsed;
    }

    public static bool TryParseSlots(string text, out int slots) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out slots) && slots > 0;

    /// <summary>An EPA rack size: 1 to <see cref="RackLayout.MaxChips"/>.</summary>
    public static bool TryParseChips(string text, out int chips) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out chips) && chips is >= 1 and <= RackLayout.MaxChips;

    /// <summary><c>host</c>, <c>unset</c>, or Unix seconds that fit the device's 32-bit time (spec §3.10).</summary>
    public static bool TryParseClock(string text, out ClockMode mode, out long fixedTime)
    {
        fixedTime = 0;
        if (string.Equals(text, "host", StringComparison.OrdinalIgnoreCase))
        {
            mode = ClockMode.Host;
            return true;
        }

        if (string.Equals(text, "unset", StringComparison.OrdinalIgnoreCase))
        {
            mode = ClockMode.Unset;
            return true;
        }

        mode = ClockMode.Fixed;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out fixedTime) && fixedTime <= uint.MaxValue;
    }

    public static bool TryParseVariant(string text, out HardwareVariant variant)
    {
        variant = string.Equals(text, "epa", StringComparison.OrdinalIgnoreCase) ? HardwareVariant.Epa : HardwareVariant.Ppa;
        return string.Equals(text, "ppa", StringComparison.OrdinalIgnoreCase) || variant == HardwareVariant.Epa;
    }

    /// <summary>An on/off environment value: <c>1/true/yes/on</c> or <c>0/false/no/off</c>.</summary>
    /// <summary>Whole seconds (0–86400) or <c>off</c> (null: no automatic power-on).</summary>
    public static bool TryParsePowerOnDelay(string text, out TimeSpan? delay)
    {
        delay = null;
        if (string.Equals(text, "off", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int seconds)
            && seconds <= 86400)
        {
            delay = TimeSpan.FromSeconds(seconds);
            return true;
        }
        return false;
    }

    /// <summary>A 32-byte X25519 public key in base64.</summary>
    public static bool TryParseX25519Key(string text, out byte[]? key)
    {
        key = null;
        try
        {
            byte[] bytes = Convert.FromBase64String(text);
            if (bytes.Length != 32)
            {
                return false;
            }
            key = bytes;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryParseSwitch(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "1" or "true" or "yes" or "on":
                value = true;
                return true;
            case "0" or "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
