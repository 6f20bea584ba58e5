namespace HemSim.Firmware.Routing;

/// <summary>
/// The CORS allow-list of config <c>origin</c> (spec §3.6): <c>*</c>, an exact origin, or
/// <c>*.domain.tld</c> for any subdomain; several entries separated by commas or spaces (SIM choice,
/// the firmware's separator is undocumented).
/// </summary>
internal static class CorsPolicy
{
    public static bool IsAllowed(string allowList, string origin)
    {
        foreach (var entry in allowList.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry == "*" || string.Equals(entry, origin, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            if (entry.StartsWith("*.", StringComparison.Ordinal) && HostOf(origin) is { } host
                && host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static string? HostOf(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) ? uri.Host : null;
}
