using System.Globalization;

namespace HemSim.HostBridge.Forwarding;

/// <summary>
/// Which chip of an EPA rack a host name addresses (<c>Hosting/RackLayout</c>): the vendor tester reaches chip i as
/// <c>c&lt;i&gt;.&lt;epa domain&gt;</c> (its <c>$cfg_domain = "c$cfg_epa_chipid.$cfg_epa_domain"</c>). The same rule
/// reads a request's <c>Host</c> header and a TLS handshake's SNI.
/// </summary>
internal static class ChipAddress
{
    /// <summary>
    /// The chip (1…<paramref name="chips"/>) that <paramref name="host"/> names: its first label, port stripped and
    /// case ignored, is <c>c&lt;i&gt;</c>, whatever domain follows. A rack of one chip takes every name. False for no
    /// name, another first label, <c>c0</c>, a chip past the rack, or a number with a leading zero (<c>c02</c>, so
    /// that each chip has exactly one name).
    /// </summary>
    public static bool TryFind(string? host, int chips, out int chip)
    {
        chip = 1;
        if (chips == 1)
        {
            return true;
        }
        chip = 0;
        if (string.IsNullOrEmpty(host) || host.StartsWith('['))
        {
            return false;   // absent, or an IPv6 literal: no chip label
        }
        int dot = host.IndexOf('.');
        int colon = host.IndexOf(':');
        int end = dot >= 0 ? dot : colon >= 0 ? colon : host.Length;
        ReadOnlySpan<char> label = host.AsSpan(0, end);
        if (label.Length < 2 || (label[0] is not ('c' or 'C')) || label[1] == '0'
            || !int.TryParse(label[1..], NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            || number > chips)
        {
            return false;
        }
        chip = number;
        return true;
    }
}
