using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Authenticator;
using HemSim.Authenticator.Scheme;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Auth.ExtRig;
using AppScopeBlob = HemSim.Authenticator.Scheme.ScopeBlob;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/ext/request (spec §10 A8, §9.2 step 3; docs/EXTERNAL-AUTH.md §4 steps 2–3).</summary>
[TestClass]
public sealed class ExtRequestTests
{
    /// <summary>The requested scope as <paramref name="pairing"/> decrypts it from <paramref name="claims"/>.</summary>
    private static string Decrypt(JsonObject claims, Pairing pairing)
    {
        var blob = Convert.FromBase64String(claims["scope"]![pairing.AppIdB64]!.GetValue<string>());
        AppScopeBlob.TryOpen(pairing.SharedKey(), Convert.FromBase64String(claims["jti"]!.GetValue<string>()), blob,
            ScopeDirection.Request, out var plaintext).Should().BeTrue();
        return plaintext;
    }

    [TestMethod]
    public void Request_sends_each_paired_app_its_encrypted_scope()
    {
        // Arrange
        using var device = Provisioned();
        var phone = Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll));
        var tablet = Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), label: "tablet");

        // Act: extra members (e.g. [T]'s exp) are ignored.
        var response = RequestResponse(device, new { epk = Epk, scope = "system:config", ctx = "c1", note = "hello", exp = 5 });

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("authreq", "epk");
        json["epk"]!.GetValue<string>().Should().Be(Epk);
        var claims = VerifiedClaims(json["authreq"]!.GetValue<string>(), Kreq(device));
        claims.Select(p => p.Key).Should().Equal("iss", "aud", "iat", "exp", "jti", "scope", "ctx", "note");
        claims["iss"]!.GetValue<string>().Should().Be(Eid(device));
        claims["aud"]!.GetValue<string>().Should().Be(Epk);
        claims["iat"]!.GetValue<long>().Should().Be(device.Now);
        claims["exp"]!.GetValue<long>().Should().Be(device.Now + 3600);
        Convert.FromBase64String(claims["jti"]!.GetValue<string>()).Should().HaveCount(32);
        claims["scope"]!.AsObject().Select(p => p.Key).Should().Equal(phone.AppIdB64, tablet.AppIdB64);
        Convert.FromBase64String(claims["scope"]![phone.AppIdB64]!.GetValue<string>()).Should().HaveCount(48);
        Decrypt(claims, phone).Should().Be("system:config");
        Decrypt(claims, tablet).Should().Be("system:config");
        (claims["ctx"]!.GetValue<string>(), claims["note"]!.GetValue<string>()).Should().Be(("c1", "hello"));
    }

    [TestMethod]
    public void Request_for_a_key_describes_the_key_and_lives_15_minutes()
    {
        // Arrange
        using var device = Provisioned();
        var phone = Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll));
        var created = device.Post("/api/keymgmt/create", new { label = "signer", type = "ED25519" }, device.Login("keymgmt:gen"));
        var kid = TestDevice.Json(created)["kid"]!.GetValue<string>();

        // Act
        var claims = VerifiedClaims(Request(device, "keymgmt:use:" + kid), Kreq(device));

        // Assert
        claims["exp"]!.GetValue<long>().Should().Be(device.Now + 900);
        claims.ContainsKey("ctx").Should().BeFalse();
        var plaintext = Decrypt(claims, phone).Split('#');
        plaintext[0].Should().Be("keymgmt:use:" + kid);
        Encoding.UTF8.GetString(Convert.FromBase64String(plaintext[1])).Should().Be("""{"t":"ED25519","l":"signer"}""");
    }

    [TestMethod]
    public void Request_goes_to_at_most_8_apps_in_slot_order()
    {
        // Arrange
        using var device = Provisioned();
        var token = PairToken(device);
        var pairings = Enumerable.Range(0, 9).Select(i => Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token, "app" + i)).ToList();

        // Act
        var claims = VerifiedClaims(Request(device, "logger:get"), Kreq(device));

        // Assert
        claims["scope"]!.AsObject().Select(p => p.Key).Should().Equal(pairings.Take(8).Select(p => p.AppIdB64));
    }

    [TestMethod]
    [DataRow("""{"scope":"logger:get"}""")]
    [DataRow("""{"epk":"AAAA","scope":"logger:get"}""")]
    [DataRow("""{"epk":"EPK"}""")]
    [DataRow("""{"epk":"EPK","scope":""}""")]
    [DataRow("""{"epk":"EPK","scope":7}""")]
    [DataRow("""{"epk":"EPK","scope":"logger:get","ctx":5}""")]
    [DataRow("""{"epk":"EPK","scope":"logger:get","ctx":"CTX65"}""")]
    [DataRow("""{"epk":"EPK","scope":"logger:get","note":"NOTE129"}""")]
    [DataRow("""{"epk":"EPK","scope":"SCOPE1024"}""")]
    public void Request_answers_400_for_malformed_fields(string template)
    {
        // Arrange
        using var device = Provisioned();
        Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll));
        var body = template.Replace("EPK", Epk).Replace("CTX65", new string('c', 65))
            .Replace("NOTE129", new string('n', 129)).Replace("SCOPE1024", new string('s', 1024));
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = RequestResponse(device, body);

        // Assert
        response.Status.Should().Be(400);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
        device.Core.Boot.External.Approvals.Count.Should().Be(0);
    }

    [TestMethod]
    public void Request_accepts_the_longest_fields()
    {
        // Arrange
        using var device = Provisioned();
        Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll));

        // Act
        var response = RequestResponse(device, new { epk = Epk, scope = new string('s', 1023), ctx = new string('c', 64), note = new string('n', 128) });

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    public void Request_answers_403_while_the_rtc_is_unset()
    {
        // Arrange
        using var device = Provisioned();
        Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll));
        device.Clock.Unset();

        // Act
        var response = RequestResponse(device, new { epk = Epk, scope = "logger:get" });

        // Assert
        response.Status.Should().Be(403);
        device.Core.Boot.External.Approvals.Count.Should().Be(0);
    }

    [TestMethod]
    public void Request_answers_406_when_no_app_is_paired()
    {
        // Arrange
        using var device = Provisioned();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = RequestResponse(device, new { epk = Epk, scope = "logger:get" });

        // Assert: §22 #43; no audit line.
        response.Status.Should().Be(406);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Request_answers_409_while_a_fault_is_latched()
    {
        // Arrange
        using var device = Provisioned();
        Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll));
        device.Core.LatchFault(0x08);

        // Act
        var response = RequestResponse(device, new { epk = Epk, scope = "logger:get" });

        // Assert
        response.Status.Should().Be(409);
    }

    [TestMethod]
    public void Request_writes_no_audit_line()
    {
        // Arrange
        using var device = Provisioned();
        Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll));
        var lines = device.AuditLines().Count;

        // Act
        Request(device, "logger:get");

        // Assert
        device.AuditLines().Should().HaveCount(lines);
    }
}
