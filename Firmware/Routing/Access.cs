using HemSim.Firmware.Auth;

namespace HemSim.Firmware.Routing;

/// <summary>When an endpoint needs a bearer token (spec §2 "Auth / scope" column).</summary>
internal enum TokenRule
{
    /// <summary>No token needed; a present token is still pre-checked (spec §3.3 step 3).</summary>
    None = 0,
    /// <summary>A token is always needed.</summary>
    Required = 1,
    /// <summary>"fresh: none": no token while uninitialised, otherwise required.</summary>
    RequiredUnlessFresh = 2,
}

/// <summary>Who may call an endpoint: the token rule, the roles, and the scope prefixes (any one matches).</summary>
internal sealed record Access(TokenRule Token, Role Roles, IReadOnlyList<string> ScopePrefixes)
{
    /// <summary>
    /// Also allow the exact scope <c>keymgmt:use:&lt;kid&gt;</c> where the kid is the first path parameter
    /// (spec §12.5: get answers a token for that key alone).
    /// </summary>
    public bool KeyUseFromPath { get; init; }

    /// <summary>
    /// The scope must be exactly <c>keymgmt:use:&lt;kid&gt;</c> with the body's <c>kid</c> as sent (spec §5.4, §13:
    /// every crypto endpoint). Step 7 checks the role and the prefix; the exact scope is checked once the body is
    /// parsed (a missing or non-string kid → 400, another kid → 403 FAILED_SCOPE_CHECK). Combine with the scope
    /// prefix <c>keymgmt:use:</c>, so that a token for something else is refused before the body (403, §3.3).
    /// </summary>
    public bool KeyUseFromBody { get; init; }

    /// <summary>
    /// Roles let through step 7 only so that the handler can decide from the body (§22 #23: <c>system/config</c>
    /// answers an external app 406 for wipeout and rotation, 403 for anything else). For these roles a body that does
    /// not parse is refused as step 7 refuses (403, FAILED_SCOPE_CHECK), not 400: the role is refused before the body.
    /// </summary>
    public Role RolesDecidedByBody { get; init; }

    /// <summary>Roles U and external app with the exact <c>keymgmt:use:&lt;body kid&gt;</c> scope (every crypto endpoint).</summary>
    /// <remarks>Step 7 already refuses (403) a scope that is not a key-use scope at all, before the body is read (§3.3).</remarks>
    public static Access KeyUse { get; } =
        new(TokenRule.Required, Role.User | Role.External, [Scope.KeyUsePrefix]) { KeyUseFromBody = true };

    public static readonly Access Public = new(TokenRule.None, Role.Any, []);

    /// <summary>Token with a scope starting with one of <paramref name="prefixes"/>.</summary>
    public static Access Scoped(Role roles, params string[] prefixes) => new(TokenRule.Required, roles, prefixes);

    /// <summary>No token while uninitialised; otherwise a token with one of <paramref name="prefixes"/>.</summary>
    public static Access ScopedUnlessFresh(Role roles, params string[] prefixes) =>
        new(TokenRule.RequiredUnlessFresh, roles, prefixes);
}
