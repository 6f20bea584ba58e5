namespace HemSim.HostBridge.Hosting.Certificates;

/// <summary>
/// The extra names a CA-issued certificate of chip i of an EPA rack carries (<see cref="RackLayout"/>), so that a
/// client that addresses the chip by name validates it: <c>c&lt;i&gt;.&lt;--hostname&gt;</c> (the EPA domain, as the
/// vendor tester uses it), <c>c&lt;i&gt;.localhost</c>, and <c>c&lt;i&gt;.127.0.0.1</c>, the name
/// <c>hemsim --chip i</c> sends with its default <c>--url https://127.0.0.1:8443</c> (it prefixes the URL's host).
/// A rack of one chip adds none: its certificate is the single device's.
/// </summary>
internal static class ChipCertificateNames
{
    public static IReadOnlyList<string> For(int chip, int chips, string hostname)
    {
        if (chips == 1)
        {
            return [];
        }
        string label = RackLayout.Label(chip);
        return new[] { $"{label}.{hostname}", $"{label}.localhost", $"{label}.127.0.0.1" }
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }
}
