using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Authenticator;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using AppJws = HemSim.Authenticator.Scheme.ExtJws;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>
/// The external-authenticator rig (docs/EXTERNAL-AUTH.md): a provisioned device, a broker session key played by the
/// test (<see cref="Broker"/>: the broker checks device messages with <c>Kreq = X25519(esk, eid)</c>), and the
/// virtual authenticator of tools/HemSim.Authenticator as the app, driven in-process without HTTP.
/// </summary>
internal static class ExtRig
{
    public const string InitPath = "/api/auth/ext/init";
    public const string ValidatePath = "/api/auth/ext/validate";
    public const string MacPath = "/api/auth/ext/mac";
    public const string RequestPath = "/api/auth/ext/request";
    public const string TokenPath = "/api/auth/ext/token";

    public const int AuthSuccessExternal = 14;
    public const int AuthPairedExternal = 15;
    public const int FailedScopeCheck = 12;

    /// <summary>The broker's session key pair (esk, epk).</summary>
    public static readonly ClientKey Broker = ClientKey.FromSeed(0x44);

    public static string Epk => Broker.PublicText;

    public static TestDevice Provisioned(HemDeviceOptions? options = null)
    {
        var device = new TestDevice(options);
        device.Provision().Status.Should().Be(200);
        return device;
    }

    public static string PairToken(TestDevice device) => device.Login("auth:ext:pair");

    public static string Eid(TestDevice device) => Convert.ToBase64String(device.Core.Identity.EidPublic);

    /// <summary>Kreq as the broker computes it.</summary>
    public static byte[] Kreq(TestDevice device) => Broker.Agree(Eid(device));

    /// <summary>POST ext/init with the broker's epk; returns the <c>request</c> JWT.</summary>
    public static string Init(TestDevice device, string token)
    {
        var response = device.Post(InitPath, new { epk = Epk }, token, tls: false);
        response.Status.Should().Be(200);
        return TestDevice.Json(response)["request"]!.GetValue<string>();
    }

    /// <summary>Starts a pairing on the app side for a fresh ext/init request.</summary>
    public static PendingPairing Begin(TestDevice device, VirtualAuthenticator app, string token, string label = "phone") =>
        app.BeginPairing(Eid(device), Init(device, token), label);

    public static ApiResponse Validate(TestDevice device, string token, string pid, string reply) =>
        device.Post(ValidatePath, new { pid, reply }, token, tls: false);

    /// <summary>A whole pairing (docs §3): init, the app's reply, validate, the app's code check.</summary>
    public static Pairing Pair(TestDevice device, VirtualAuthenticator app, string? token = null, string label = "phone")
    {
        token ??= PairToken(device);
        var pending = Begin(device, app, token, label);
        var response = Validate(device, token, pending.Pid, pending.Reply);
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        return app.CompletePairing(pending, json["kid"]!.GetValue<string>(), json["code"]!.GetValue<string>())
            ?? throw new InvalidOperationException("The app refused the pairing code.");
    }

    public static ApiResponse RequestResponse(TestDevice device, object body) => device.Post(RequestPath, body, tls: false);

    /// <summary>POST ext/request for <paramref name="scope"/>; returns the <c>authreq</c> JWT.</summary>
    public static string Request(TestDevice device, string scope)
    {
        var response = RequestResponse(device, new { epk = Epk, scope });
        response.Status.Should().Be(200);
        return TestDevice.Json(response)["authreq"]!.GetValue<string>();
    }

    public static ApiResponse Redeem(TestDevice device, string? authreply) =>
        device.Post(TokenPath, new { authreply }, tls: false);

    /// <summary>Request, approval by <paramref name="app"/> with the requested scope, redemption: the bearer token.</summary>
    public static string ExternalLogin(TestDevice device, VirtualAuthenticator app, string scope)
    {
        var answer = app.Answer(Request(device, scope), Decision.Approve());
        var response = Redeem(device, answer.Authreply);
        response.Status.Should().Be(200);
        return TestDevice.Json(response)["token"]!.GetValue<string>();
    }

    /// <summary>The claims of a device-made JWT, after checking its header bytes and its HS256 under <paramref name="key"/>.</summary>
    public static JsonObject VerifiedClaims(string jwt, byte[] key)
    {
        AppJws.Verify(key, jwt).Should().BeTrue();
        AppJws.TryParse(jwt, out var parts).Should().BeTrue();
        parts.Header.ToJsonString().Should().Be("""{"ecdh":"x25519","typ":"JWT","alg":"HS256"}""");
        return parts.Claims;
    }

    /// <summary>b64 of SHA-256(pid): the scope-object member name of an app.</summary>
    public static string AppId(string pid) => Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(pid)));

    public static TokenClaims Claims(string token)
    {
        var payload = JwtText.Payload(token);
        return new TokenClaims(
            payload["scope"]!.GetValue<string>(), payload["sub"]!.GetValue<string>(),
            payload["iat"]!.GetValue<long>(), payload["exp"]!.GetValue<long>(), payload["jti"]!.GetValue<string>(), null);
    }
}
