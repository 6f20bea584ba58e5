using System.Text.Json.Nodes;

namespace HemSim.Authenticator.Scheme;

/// <summary>The two messages the app signs with <c>Kapp</c>: the pairing <c>reply</c> and the <c>authreply</c>.</summary>
public static class AppMessages
{
    /// <summary>Claims in the order of §3 step 4: <c>jti</c>, <c>iss</c>, <c>label</c>, <c>epk</c>.</summary>
    public static string BuildReply(ReadOnlySpan<byte> kapp, ReplyContent content) => ExtJws.Sign(kapp, new JsonObject
    {
        ["jti"] = content.Jti,
        ["iss"] = content.Iss ?? AppIdText(content.Pid),
        ["label"] = content.Label,
        ["epk"] = Convert.ToBase64String(content.AppPublicKey),
    });

    /// <summary>
    /// Claims in the order of §4 step 5: <c>jti</c>, <c>pid</c>, <c>iss</c>, <c>scope</c>, <c>exp</c>, then <c>ctx</c>.
    /// The scope blob is sealed in the reply direction with the <c>jti</c> bytes as salt.
    /// </summary>
    /// <exception cref="FormatException">The <c>jti</c> is not b64 (the blob needs its bytes).</exception>
    public static string BuildAuthReply(ReadOnlySpan<byte> kapp, AuthReplyContent content)
    {
        byte[] blob = content.ScopeBlob
            ?? ScopeBlob.Seal(kapp, Convert.FromBase64String(content.Jti), content.Scope, ScopeDirection.Reply);
        var claims = new JsonObject
        {
            ["jti"] = content.Jti,
            ["pid"] = Convert.ToBase64String(content.Pid),
            ["iss"] = content.Iss ?? AppIdText(content.Pid),
            ["scope"] = Convert.ToBase64String(blob),
            ["exp"] = content.Exp,
        };
        if (content.Ctx is not null)
        {
            claims["ctx"] = content.Ctx;
        }
        return ExtJws.Sign(kapp, claims);
    }

    private static string AppIdText(byte[] pid) => Convert.ToBase64String(ExtScheme.AppId(pid));
}
