using System.Text;
using FluentAssertions;
using HemSim.Authenticator;
using HemSim.Firmware.Auth;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Auth.ExtRig;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/ext/token: redeeming an approval (spec §10 A9, §9.2 step 5; docs/EXTERNAL-AUTH.md §4 step 7).</summary>
[TestClass]
public sealed partial class ExtTokenTests
{
    [TestMethod]
    public void Token_is_issued_for_the_approved_scope_to_the_app()
    {
        // Arrange
        using var device = Provisioned();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        var pairing = Pair(device, app);
        var answer = app.Answer(Request(device, "system:config"));
        answer.Kind.Should().Be(AnswerKind.Approved);

        // Act
        var response = Redeem(device, answer.Authreply);

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("token");
        var token = json["token"]!.GetValue<string>();
        JwtText.Payload(token).Select(p => p.Key).Should().Equal("scope", "sub", "iat", "exp", "jti");
        var claims = Claims(token);
        claims.Scope.Should().Be("system:config");
        claims.Subject.Should().Be(Convert.ToBase64String(Convert.FromHexString(pairing.Kid)));
        claims.Role.Should().Be(Role.External);
        claims.IssuedAt.Should().Be(device.Now);
        claims.Expires.Should().Be(device.Now + 3600);
        response.DeliverNotBefore.Should().BeGreaterThanOrEqualTo(LoginThrottle.MinimumDelay);

        // [T] test_6: the token reads the configuration.
        device.Get("/api/system/config", token, tls: false).Status.Should().Be(200);
    }

    [TestMethod]
    public void Token_logs_the_external_success_with_the_kid_and_scope()
    {
        // Arrange
        using var device = Provisioned();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        var pairing = Pair(device, app);
        var authreply = app.Answer(Request(device, "logger:get")).Authreply;
        var lines = device.AuditLines().Count;

        // Act
        Redeem(device, authreply).Status.Should().Be(200);

        // Assert
        device.AuditLines().Should().HaveCount(lines + 1);
        var line = device.LastAuditLine();
        (line.Type, line.Result).Should().Be((AuthSuccessExternal, 0));
        line.Subject.Should().Be(AuditLogVerifier.EncodeB64Url(Convert.FromHexString(pairing.Kid)));
        line.DataBytes.Should().Equal(Encoding.ASCII.GetBytes("logger:get"));
    }

    [TestMethod]
    public void Token_carries_an_earlier_exp_when_the_app_says_so()
    {
        // Arrange
        using var device = Provisioned();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pair(device, app);
        var answer = app.Answer(Request(device, "logger"), Decision.Approve(device.Now + 898));

        // Act
        var response = Redeem(device, answer.Authreply);

        // Assert
        response.Status.Should().Be(200);
        var claims = Claims(TestDevice.Json(response)["token"]!.GetValue<string>());
        (claims.Scope, claims.Expires).Should().Be(("logger", device.Now + 898));
    }

    [TestMethod]
    public void Token_carries_the_request_ctx()
    {
        // Arrange: spec §5.1 carries ctx into tokens (§22 #27); the app echoes the request's ctx.
        using var device = Provisioned();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pair(device, app);
        var authreq = TestDevice.Json(RequestResponse(device, new { epk = Epk, scope = "logger:get", ctx = "web" }))["authreq"]!.GetValue<string>();
        var answer = app.Answer(authreq);

        // Act
        var response = Redeem(device, answer.Authreply);

        // Assert
        response.Status.Should().Be(200);
        var payload = JwtText.Payload(TestDevice.Json(response)["token"]!.GetValue<string>());
        payload.Select(p => p.Key).Should().Equal("scope", "sub", "iat", "exp", "jti", "ctx");
        payload["ctx"]!.GetValue<string>().Should().Be("web");
    }

    [TestMethod]
    public void Token_scope_may_be_as_long_as_a_login_scope()
    {
        // Arrange: 127 characters, the longest token scope (spec §5.4).
        using var device = Provisioned();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pair(device, app);
        var scope = "logger:get" + new string('x', 117);

        // Act
        var token = ExternalLogin(device, app, scope);

        // Assert
        Claims(token).Scope.Should().Be(scope);
    }

    [TestMethod]
    public void Token_exp_is_capped_at_the_request_exp()
    {
        // Arrange
        using var device = Provisioned();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pair(device, app);
        var answer = app.Answer(Request(device, "logger:get"), Decision.Approve(device.Now + 99999));

        // Act
        var response = Redeem(device, answer.Authreply);

        // Assert
        Claims(TestDevice.Json(response)["token"]!.GetValue<string>()).Expires.Should().Be(device.Now + 3600);
    }

    [TestMethod]
    public void Token_works_with_its_scope_and_nothing_more()
    {
        // Arrange
        using var device = Provisioned();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pair(device, app);

        // Act
        var token = ExternalLogin(device, app, "logger:get");

        // Assert
        device.Get("/api/logger/key", token, tls: false).Status.Should().Be(200);
        device.Get("/api/system/config", token, tls: false).Status.Should().Be(200);
        device.Get("/api/keymgmt/list", token).Status.Should().Be(403);
        device.Get("/api/system/reboot", token, tls: false).Status.Should().Be(403);
    }

    [TestMethod]
    public void Token_for_a_key_reaches_that_key_with_role_external()
    {
        // Arrange: spec §5.3, external apps may use keys by scope.
        using var device = Provisioned();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pair(device, app);
        var created = device.Post("/api/keymgmt/create", new { label = "mac", type = "SHA2-256" }, device.Login("keymgmt:gen"));
        var kid = TestDevice.Json(created)["kid"]!.GetValue<string>();

        // Act
        var token = ExternalLogin(device, app, "keymgmt:use:" + kid);

        // Assert
        var msg = Convert.ToBase64String("hello"u8.ToArray());
        device.Post("/api/crypto/hmac/hash", new { kid, msg }, token).Status.Should().Be(200);
        device.Get("/api/keymgmt/get/" + kid, token).Status.Should().Be(200);
    }
}
