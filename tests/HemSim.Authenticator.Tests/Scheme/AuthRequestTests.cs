using System.Text.Json.Nodes;
using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator.Tests.Scheme;

[TestClass]
public sealed class AuthRequestTests
{
    private static JsonObject Claims() => new()
    {
        ["iss"] = "eid",
        ["aud"] = "epk",
        ["iat"] = 100,
        ["exp"] = 3700,
        ["jti"] = "AAAA",
        ["scope"] = new JsonObject { ["app"] = "blob" },
        ["ctx"] = "web",
        ["note"] = "hello",
    };

    [TestMethod]
    public void A_well_formed_authreq_is_read()
    {
        AuthRequest.TryParse(ExtJws.Sign(new byte[32], Claims()), out AuthRequest request).Should().BeTrue();

        request.Should().BeEquivalentTo(new { Iss = "eid", Aud = "epk", Iat = 100L, Exp = 3700L, Jti = "AAAA", Ctx = "web", Note = "hello" });
        request.Scopes.Should().Equal(new Dictionary<string, string> { ["app"] = "blob" });
    }

    [TestMethod]
    [DataRow("iss")]
    [DataRow("exp")]
    [DataRow("jti")]
    [DataRow("scope")]
    public void A_missing_claim_is_refused(string name)
    {
        JsonObject claims = Claims();
        claims.Remove(name);

        AuthRequest.TryParse(ExtJws.Sign(new byte[32], claims), out _).Should().BeFalse();
    }

    [TestMethod]
    public void Wrong_types_are_refused()
    {
        JsonObject stringExp = Claims();
        stringExp["exp"] = "3700";
        JsonObject stringScope = Claims();
        stringScope["scope"] = "system";
        JsonObject numberCtx = Claims();
        numberCtx["ctx"] = 5;

        AuthRequest.TryParse(ExtJws.Sign(new byte[32], stringExp), out _).Should().BeFalse();
        AuthRequest.TryParse(ExtJws.Sign(new byte[32], stringScope), out _).Should().BeFalse();
        AuthRequest.TryParse(ExtJws.Sign(new byte[32], numberCtx), out _).Should().BeFalse();
    }

    [TestMethod]
    public void A_scope_object_with_a_duplicate_member_is_refused()
    {
        var device = new DocumentDevice();
        Pairing pairing = device.Pair(new VirtualAuthenticator(ApprovalPolicy.ApproveAll));
        string authreq = DocumentDevice.WithDuplicateScopeMember(device.AuthReq("system:config", [pairing.Pid]));

        AuthRequest.TryParse(authreq, out _).Should().BeFalse();
    }

    [TestMethod]
    public void Another_header_is_an_unsupported_scheme()
    {
        string other = ExtJws.Sign(new byte[32], Claims(), "{\"ecdh\":\"p256\",\"typ\":\"JWT\",\"alg\":\"HS256\"}");

        AuthRequest.TryParse(other, out _).Should().BeFalse();
    }
}
