using System.Security.Cryptography;
using System.Text;
using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator.Tests.Scheme;

[TestClass]
public sealed class AppMessagesTests
{
    private static readonly byte[] s_kapp = Enumerable.Repeat((byte)0x42, 32).ToArray();
    private static readonly byte[] s_pid = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
    private static readonly string s_jti = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray());

    [TestMethod]
    public void The_header_is_exactly_the_schemes()
    {
        string reply = AppMessages.BuildReply(s_kapp, new ReplyContent(s_jti, s_pid, "phone", new byte[32]));

        DocumentDevice.HeaderText(reply).Should().Be("{\"ecdh\":\"x25519\",\"typ\":\"JWT\",\"alg\":\"HS256\"}");
    }

    [TestMethod]
    public void A_reply_has_the_documented_claims_in_order()
    {
        byte[] apk = Enumerable.Repeat((byte)3, 32).ToArray();

        string reply = AppMessages.BuildReply(s_kapp, new ReplyContent(s_jti, s_pid, "phone", apk));

        DocumentDevice.ClaimNames(reply).Should().Be("jti,iss,label,epk");
        ExtJws.TryParse(reply, out ExtJwsParts parts).Should().BeTrue();
        parts.Claims["jti"]!.GetValue<string>().Should().Be(s_jti);
        parts.Claims["iss"]!.GetValue<string>().Should().Be(Convert.ToBase64String(SHA256.HashData(s_pid)));
        parts.Claims["label"]!.GetValue<string>().Should().Be("phone");
        parts.Claims["epk"]!.GetValue<string>().Should().Be(Convert.ToBase64String(apk));
    }

    [TestMethod]
    public void The_signature_is_the_HMAC_of_the_signing_input()
    {
        string reply = AppMessages.BuildReply(s_kapp, new ReplyContent(s_jti, s_pid, "phone", new byte[32]));
        string[] parts = reply.Split('.');

        byte[] expected = HMACSHA256.HashData(s_kapp, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]).Should().Equal(expected);
        ExtJws.Verify(s_kapp, reply).Should().BeTrue();
        ExtJws.Verify(new byte[32], reply).Should().BeFalse();
    }

    [TestMethod]
    public void An_authreply_has_the_documented_claims_in_order_with_ctx_last()
    {
        string withCtx = AppMessages.BuildAuthReply(s_kapp, new AuthReplyContent(s_jti, s_pid, "system:config", 1_800_000_000) { Ctx = "web" });
        string without = AppMessages.BuildAuthReply(s_kapp, new AuthReplyContent(s_jti, s_pid, "system:config", 1_800_000_000));

        DocumentDevice.ClaimNames(withCtx).Should().Be("jti,pid,iss,scope,exp,ctx");
        DocumentDevice.ClaimNames(without).Should().Be("jti,pid,iss,scope,exp");
        ExtJws.TryParse(withCtx, out ExtJwsParts parts).Should().BeTrue();
        parts.Claims["pid"]!.GetValue<string>().Should().Be(Convert.ToBase64String(s_pid));
        parts.Claims["exp"]!.GetValue<long>().Should().Be(1_800_000_000);
        parts.Claims["ctx"]!.GetValue<string>().Should().Be("web");
    }

    [TestMethod]
    public void The_authreply_scope_is_sealed_in_the_reply_direction_under_the_jti()
    {
        string authreply = AppMessages.BuildAuthReply(s_kapp, new AuthReplyContent(s_jti, s_pid, "system:config", 1));
        ExtJws.TryParse(authreply, out ExtJwsParts parts).Should().BeTrue();
        byte[] blob = Convert.FromBase64String(parts.Claims["scope"]!.GetValue<string>());

        ScopeBlob.TryOpen(s_kapp, Convert.FromBase64String(s_jti), blob, ScopeDirection.Reply, out string scope).Should().BeTrue();
        scope.Should().Be("system:config");
        ScopeBlob.TryOpen(s_kapp, Convert.FromBase64String(s_jti), blob, ScopeDirection.Request, out _).Should().BeFalse();
    }

    [TestMethod]
    public void Overrides_let_a_test_send_a_wrong_iss_or_a_chosen_blob()
    {
        byte[] blob = [1, 2, 3];

        string authreply = AppMessages.BuildAuthReply(s_kapp, new AuthReplyContent(s_jti, s_pid, "x", 1) { Iss = "other", ScopeBlob = blob });

        ExtJws.TryParse(authreply, out ExtJwsParts parts).Should().BeTrue();
        parts.Claims["iss"]!.GetValue<string>().Should().Be("other");
        parts.Claims["scope"]!.GetValue<string>().Should().Be("AQID");
    }

    [TestMethod]
    [DataRow("a.b")]
    [DataRow("a.b.c.d")]
    [DataRow("e30.e30.!!")]
    [DataRow("W10.e30.AA")]
    public void TryParse_refuses_what_is_not_a_JWS_of_two_objects(string text)
    {
        ExtJws.TryParse(text, out _).Should().BeFalse();
        ExtJws.Verify(s_kapp, text).Should().BeFalse();
    }
}
