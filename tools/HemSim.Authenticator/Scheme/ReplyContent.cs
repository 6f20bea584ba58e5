namespace HemSim.Authenticator.Scheme;

/// <summary>The claims of a pairing <c>reply</c> (§3 step 4), for <see cref="AppMessages.BuildReply"/>.</summary>
/// <param name="Jti">The <c>request</c>'s <c>jti</c>: binds the reply to one pairing attempt.</param>
/// <param name="Pid">The pairing id (16 random bytes in a normal pairing).</param>
/// <param name="AppPublicKey">The app's X25519 public key <c>apk</c>, sent as the <c>epk</c> claim.</param>
public sealed record ReplyContent(string Jti, byte[] Pid, string Label, byte[] AppPublicKey)
{
    /// <summary>Overrides the <c>iss</c> claim (tests of a wrong appid); default <c>b64(SHA-256(pid))</c>.</summary>
    public string? Iss { get; init; }
}
