namespace HemSim.Authenticator;

/// <summary>What the user (or a policy) answers to an approval request.</summary>
public sealed record Decision
{
    private Decision(bool approve, string? scope, long? exp)
    {
        IsApproval = approve;
        Scope = scope;
        Exp = exp;
    }

    public bool IsApproval { get; }

    /// <summary>The scope to approve; null means the requested one.</summary>
    public string? Scope { get; }

    /// <summary>The token's expiry in unix seconds; null means the authreq's <c>exp</c> (the most the device grants).</summary>
    public long? Exp { get; }

    /// <summary>Approves the requested scope, until <paramref name="exp"/> when given (an earlier expiry than the request's).</summary>
    public static Decision Approve(long? exp = null) => new(true, null, exp);

    /// <summary>
    /// Signs an approval of another scope than the requested one. The device refuses it (401, docs/EXTERNAL-AUTH.md
    /// §4 step 7): an app approves or denies, it cannot change the scope. Tests use it to check that refusal.
    /// </summary>
    public static Decision ApproveScope(string scope, long? exp = null) => new(true, scope, exp);

    public static Decision Deny() => new(false, null, null);
}
