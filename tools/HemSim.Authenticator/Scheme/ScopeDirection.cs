namespace HemSim.Authenticator.Scheme;

/// <summary>Which way a scope blob travels; each direction has its own HKDF info (§4 steps 3 and 5).</summary>
public enum ScopeDirection
{
    /// <summary>Device → app, inside an <c>authreq</c>: info "HemSim ext scope v1 request".</summary>
    Request,

    /// <summary>App → device, inside an <c>authreply</c>: info "HemSim ext scope v1 reply".</summary>
    Reply,
}
