using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Checkin;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>
/// A check-in backend written for the tests, independently of the firmware's token code: it answers a device's
/// <c>check</c> with a <c>checked</c> token in the simulator's encoding (spec §8.4 (b)): <c>aud</c> = the check's
/// <c>jti</c>, <c>status</c> = b64(HMAC-SHA256(shared, letter)), HS256 keyed with X25519(backend private, device spk).
/// </summary>
internal sealed class SystemCheckinBackend(ClientKey key)
{
    /// <summary>The published test backend (the default device trusts it).</summary>
    public static SystemCheckinBackend Published { get; } = new(ClientKey.FromPrivate(TestBackendKey.PrivateKey));

    public ClientKey Key { get; } = key;

    /// <summary>The <c>checked</c> token for <paramref name="check"/>; <paramref name="tamper"/> edits the claims before signing.</summary>
    public string Answer(string check, string letter, long iat, Action<ProofBuilder>? tamper = null)
    {
        var claims = JwtText.Payload(check);
        var shared = Key.Agree(claims["iss"]!.GetValue<string>());
        var builder = new ProofBuilder { Header = """{"ecdh":"x25519","typ":"JWT","alg":"HS256"}""" };
        builder.Payload["jti"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        builder.Payload["iat"] = iat;
        builder.Payload["iss"] = Key.PublicText;
        builder.Payload["aud"] = claims["jti"]!.GetValue<string>();
        builder.Payload["status"] = Convert.ToBase64String(HMACSHA256.HashData(shared, Encoding.ASCII.GetBytes(letter)));
        tamper?.Invoke(builder);
        return builder.Sign(shared);
    }

    /// <summary>GET a check from <paramref name="device"/> and answer it.</summary>
    public string CheckIn(TestDevice device, string letter, long iat, Action<ProofBuilder>? tamper = null) =>
        Answer(TestDevice.Json(device.Get("/api/system/checkin", tls: false))["check"]!.GetValue<string>(), letter, iat, tamper);
}
