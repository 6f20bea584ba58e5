namespace HemSim.Firmware.Auth;

/// <summary>Scope matching of spec §5.4 (§22 #40).</summary>
internal static class Scope
{
    /// <summary>Longest scope a login proof may ask for (spec §6.2 step 8).</summary>
    public const int MaxLength = 127;

    public const string KeyUsePrefix = "keymgmt:use:";

    /// <summary>Prefix match: the token's scope starts with <paramref name="required"/> (firmware <c>strncmp</c>).</summary>
    public static bool MatchesPrefix(string tokenScope, string required) =>
        tokenScope.StartsWith(required, StringComparison.Ordinal);

    /// <summary>Exact match against <c>keymgmt:use:&lt;kid&gt;</c> with the kid string of the request (spec §3.9).</summary>
    public static bool MatchesKeyUse(string tokenScope, string kidFromRequest) =>
        string.Equals(tokenScope, KeyUsePrefix + kidFromRequest, StringComparison.Ordinal);
}
