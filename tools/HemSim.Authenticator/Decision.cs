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

    public static Decision Approve() => new(true, null, null);

    /// <summary>Approves another scope (the device accepts only the requested one or a narrower one) and/or an earlier expiry.</summary>
    public static Decision ApproveScope(string scope, long? exp = null) => new(true, scope, exp);

    public static Decision Deny() => new(false, null, null);
}
