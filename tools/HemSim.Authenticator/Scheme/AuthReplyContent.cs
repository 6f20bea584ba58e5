namespace HemSim.Authenticator.Scheme;

/// <summary>The claims of an <c>authreply</c> (§4 step 5), for <see cref="AppMessages.BuildAuthReply"/>.</summary>
/// <param name="Jti">The <c>authreq</c>'s <c>jti</c> (b64); also the HKDF salt of the scope blob.</param>
/// <param name="Scope">The approved scope, in clear; it is sealed into the <c>scope</c> claim.</param>
/// <param name="Exp">Unix seconds at which the token should expire.</param>
public sealed record AuthReplyContent(string Jti, byte[] Pid, string Scope, long Exp)
{
    /// <summary>The request's <c>ctx</c>, echoed as the last claim when not null.</summary>
    public string? Ctx { get; init; }

    /// <summary>Overrides the <c>iss</c> claim; default <c>b64(SHA-256(pid))</c>.</summary>
    public string? Iss { get; init; }

    /// <summary>Sends these bytes as the <c>scope</c> blob instead of sealing <see cref="Scope"/> (tampering tests).</summary>
    public byte[]? ScopeBlob { get; init; }
}
