using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Authenticator;
using HemSim.Authenticator.Scheme;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Keystore;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Auth.ExtRig;
using AppJws = HemSim.Authenticator.Scheme.ExtJws;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/ext/validate (spec §10 A6, §9.1 step 6; docs/EXTERNAL-AUTH.md §3 step 6).</summary>
[TestClass]
public sealed class ExtValidateTests
{
    /// <summary>The claims of the app's reply and its Kapp, to rebuild it with one thing changed.</summary>
    private static (JsonObject Claims, byte[] Kapp) Parts(PendingPairing pending)
    {
        AppJws.TryParse(pending.Reply, out var parts).Should().BeTrue();
        return (parts.Claims, pending.SharedKey());
    }

    private static string Resign(PendingPairing pending, Action<JsonObject> edit, byte[]? key = null, string header = ExtScheme.HeaderJson)
    {
        var (claims, kapp) = Parts(pending);
        edit(claims);
        return AppJws.Sign(key ?? kapp, claims, header);
    }

    [TestMethod]
    public void Validate_stores_the_app_key_and_answers_the_code_the_app_expects()
    {
        // Arrange
        using var device = Provisioned();
        var token = PairToken(device);
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        var pending = Begin(device, app, token, "my phone");

        // Act
        var response = Validate(device, token, pending.Pid, pending.Reply);

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("kid", "code");
        var kid = json["kid"]!.GetValue<string>();
        Convert.FromBase64String(json["code"]!.GetValue<string>())
            .Should().Equal(HMACSHA256.HashData(pending.SharedKey(), Encoding.ASCII.GetBytes(pending.Reply)));
        var pairing = app.CompletePairing(pending, kid, json["code"]!.GetValue<string>());
        pairing.Should().NotBeNull();

        Kid.TryParse(kid, out var parsed).Should().BeTrue();
        device.Core.Keys.TryFind(parsed!, out var record).Should().BeTrue();
        record.KeyType.Should().Be((int)KeyType.Curve25519);
        record.Label.Should().Be("my phone");
        record.Descr.Should().Equal([.. "EXTAID"u8.ToArray(), .. Convert.FromBase64String(pending.Pid)]);
        record.PublicKey.Should().Equal(Convert.FromBase64String(pairing!.AppPublicKey));
        record.SealedSecret.Should().BeEmpty();
        kid.Should().Be(Convert.ToHexStringLower(SHA1.HashData(record.PublicKey).AsSpan(0, 16)));

        var line = device.LastAuditLine();
        (line.Type, line.Result, line.Subject).Should().Be((AuthPairedExternal, 0, "U"));
        line.DataBytes.Should().Equal(Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Validate_makes_the_record_findable_by_the_dashboard_search()
    {
        // Arrange: spec §9.1, the dashboard looks paired apps up with ^RVhUQUlE.
        using var device = Provisioned();
        var pairing = Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll));

        // Act
        var response = device.Post("/api/keymgmt/search", new { descr = "^RVhUQUlE" }, device.Login("keymgmt:search"));

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["list"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).Should().Equal(pairing.Kid);
    }

    [TestMethod]
    [DataRow("pid-missing")]
    [DataRow("pid-not-base64")]
    [DataRow("pid-too-long")]
    [DataRow("reply-missing")]
    [DataRow("reply-two-parts")]
    [DataRow("label-missing")]
    [DataRow("label-too-long")]
    [DataRow("label-empty")]
    [DataRow("jti-not-string")]
    [DataRow("epk-short")]
    public void Validate_answers_400_for_malformed_fields(string kind)
    {
        // Arrange
        using var device = Provisioned();
        var token = PairToken(device);
        var pending = Begin(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token);
        var before = DeviceSnapshot.Take(device);
        object body = kind switch
        {
            "pid-missing" => new { reply = pending.Reply },
            "pid-not-base64" => new { pid = "%%%", reply = pending.Reply },
            "pid-too-long" => new { pid = Convert.ToBase64String(new byte[59]), reply = pending.Reply },
            "reply-missing" => new { pid = pending.Pid },
            "reply-two-parts" => new { pid = pending.Pid, reply = string.Join('.', pending.Reply.Split('.')[..2]) },
            "label-missing" => new { pid = pending.Pid, reply = Resign(pending, c => c.Remove("label")) },
            "label-too-long" => new { pid = pending.Pid, reply = Resign(pending, c => c["label"] = new string('l', 32)) },
            "label-empty" => new { pid = pending.Pid, reply = Resign(pending, c => c["label"] = "") },
            "jti-not-string" => new { pid = pending.Pid, reply = Resign(pending, c => c["jti"] = 5) },
            _ => new { pid = pending.Pid, reply = Resign(pending, c => c["epk"] = Convert.ToBase64String(new byte[31])) },
        };

        // Act
        var response = device.Post(ValidatePath, body, token, tls: false);

        // Assert
        response.Status.Should().Be(400);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("""{"ecdh":"x25519","typ":"JWT","alg":"HS512"}""")]
    [DataRow("""{"ecdh":"x448","typ":"JWT","alg":"HS256"}""")]
    [DataRow("""{"typ":"JWT","alg":"HS256"}""")]
    public void Validate_answers_406_for_an_unsupported_scheme(string header)
    {
        // Arrange
        using var device = Provisioned();
        var token = PairToken(device);
        var pending = Begin(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = Validate(device, token, pending.Pid, Resign(pending, _ => { }, header: header));

        // Assert
        response.Status.Should().Be(406);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("other-key")]
    [DataRow("unknown-jti")]
    [DataRow("wrong-iss")]
    public void Validate_answers_401_for_a_reply_that_does_not_belong_to_this_pairing(string kind)
    {
        // Arrange
        using var device = Provisioned();
        var token = PairToken(device);
        var pending = Begin(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token);
        var stranger = ExtScheme.SharedKey(ExtScheme.NewKeyPair().PrivateKey, Convert.FromBase64String(Eid(device)));
        var reply = kind switch
        {
            "other-key" => Resign(pending, _ => { }, key: stranger),
            "unknown-jti" => Resign(pending, c => c["jti"] = Convert.ToBase64String(new byte[32])),
            _ => Resign(pending, c => c["iss"] = Convert.ToBase64String(new byte[32])),
        };
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = Validate(device, token, pending.Pid, reply);

        // Assert
        response.Status.Should().Be(401);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Validate_answers_401_to_a_replayed_reply()
    {
        // Arrange
        using var device = Provisioned();
        var token = PairToken(device);
        var pending = Begin(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token);
        Validate(device, token, pending.Pid, pending.Reply).Status.Should().Be(200);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = Validate(device, token, pending.Pid, pending.Reply);

        // Assert
        response.Status.Should().Be(401);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Validate_answers_401_once_the_request_has_expired()
    {
        // Arrange
        using var device = Provisioned();
        var token = PairToken(device);
        var pending = Begin(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token);
        device.Clock.Advance(TimeSpan.FromSeconds(86400));
        token = PairToken(device);

        // Act
        var response = Validate(device, token, pending.Pid, pending.Reply);

        // Assert
        response.Status.Should().Be(401);
        device.Core.Keys.Total.Should().Be(0);
    }

    [TestMethod]
    public void Validate_forgets_pairing_nonces_on_reboot()
    {
        // Arrange
        using var device = Provisioned();
        var pending = Begin(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), PairToken(device));
        device.Core.Reboot();

        // Act
        var response = Validate(device, PairToken(device), pending.Pid, pending.Reply);

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    public void Validate_answers_406_when_the_app_key_is_already_stored()
    {
        // Arrange: the same app key offered again, in a new pairing attempt.
        using var device = Provisioned();
        var token = PairToken(device);
        var first = Begin(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token);
        Validate(device, token, first.Pid, first.Reply).Status.Should().Be(200);
        AppJws.TryParse(Init(device, token), out var request).Should().BeTrue();
        var again = Resign(first, c => c["jti"] = request.Claims["jti"]!.GetValue<string>());
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = Validate(device, token, first.Pid, again);

        // Assert
        response.Status.Should().Be(406);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Validate_answers_406_when_the_pid_is_already_paired()
    {
        // Arrange: a new app key, a fresh request, but the pid of an existing pairing (its appid would appear twice
        // in every authreq scope object).
        using var device = Provisioned();
        var token = PairToken(device);
        var phone = Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token);
        AppJws.TryParse(Init(device, token), out var request).Should().BeTrue();
        var (ask, apk) = ExtScheme.NewKeyPair();
        var kapp = ExtScheme.SharedKey(ask, Convert.FromBase64String(Eid(device)));
        var reply = AppMessages.BuildReply(
            kapp, new ReplyContent(request.Claims["jti"]!.GetValue<string>(), Convert.FromBase64String(phone.Pid), "dup", apk));
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = Validate(device, token, phone.Pid, reply);

        // Assert
        response.Status.Should().Be(406);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Validate_answers_406_when_the_key_store_is_full()
    {
        // Arrange
        using var device = Provisioned(new HemDeviceOptions { KeystoreSlots = 1 });
        var token = PairToken(device);
        Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token);
        var pending = Begin(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = Validate(device, token, pending.Pid, pending.Reply);

        // Assert
        response.Status.Should().Be(406);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Validate_answers_403_to_the_master()
    {
        // Arrange
        using var device = Provisioned();
        var pending = Begin(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), PairToken(device));

        // Act
        var response = Validate(device, device.Login("system:config", TestDevice.Master), pending.Pid, pending.Reply);

        // Assert
        response.Status.Should().Be(403);
        device.Core.Keys.Total.Should().Be(0);
    }
}
