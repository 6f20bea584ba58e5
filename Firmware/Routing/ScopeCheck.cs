using System.Text;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Routing;

/// <summary>
/// Step 7 of spec §3.3 (role and scope, then the FAILED_SCOPE_CHECK line of §19.5): applied by
/// <see cref="RequestPipeline"/> to every descriptor, and by the one handler that must decide access itself
/// (<c>keymgmt/search</c>: its anonymous rule needs the needle, spec §12.4).
/// </summary>
internal static class ScopeCheck
{
    /// <summary>
    /// True when <paramref name="token"/> has one of the roles of <paramref name="access"/> and its scope
    /// starts with one of its prefixes (§5.4), or, for <see cref="Access.KeyUseFromPath"/>, equals
    /// <c>keymgmt:use:</c> + the first path parameter exactly (§3.9).
    /// </summary>
    public static bool IsAllowed(Access access, TokenClaims token, IReadOnlyList<string> pathParameters) =>
        access.Roles.HasFlag(token.Role)
        && (access.ScopePrefixes.Count == 0
            || access.ScopePrefixes.Any(p => Scope.MatchesPrefix(token.Scope, p))
            || (access.KeyUseFromPath && pathParameters.Count > 0 && Scope.MatchesKeyUse(token.Scope, pathParameters[0])));

    /// <summary>Writes <c>FAILED_SCOPE_CHECK / FAILED</c>, data = the token's scope in ASCII, and answers 403.</summary>
    public static Reply Refuse(RequestContext context, TokenClaims token)
    {
        context.Audit(AuditEvent.FailedScopeCheck, AuditResult.Failed, Encoding.ASCII.GetBytes(token.Scope));
        return Reply.Of(ApiStatus.Forbidden);
    }
}
