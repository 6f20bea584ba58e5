using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator;

/// <summary>What an approval request shows the user, after the app decrypted its scope blob.</summary>
/// <param name="RequestedScope">The requested scope without the <c>#…</c> key description.</param>
/// <param name="KeyType">For a <c>keymgmt:use:&lt;kid&gt;</c> request: the key's type from the <c>#…</c> suffix (§4 step 3).</param>
/// <param name="KeyLabel">Likewise, the key's label.</param>
public sealed record ApprovalPrompt(Pairing Pairing, AuthRequest Request, string RequestedScope, string? KeyType, string? KeyLabel);
