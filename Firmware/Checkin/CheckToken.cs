using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HemSim.Firmware.Api.System;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;

namespace HemSim.Firmware.Checkin;

/// <summary>
/// The <c>check</c> token the device hands to the backend (spec §8.2): an HS256 compact JWS keyed with
/// X25519(session private, backend public), so that only the trusted backend can read its MAC key.
/// </summary>
internal static class CheckToken
{
    /// <summary>Spec §8.2: exactly these header bytes, in this member order.</summary>
    private static readonly byte[] s_header = """{"ecdh":"x25519","typ":"JWT","alg":"HS256"}"""u8.ToArray();

    /// <summary>The backend key the device trusts: the configured one, else the published test key.</summary>
    public static byte[] TrustedBackendKey(DeviceCore device) => device.Options.BackendKey ?? TestBackendKey.PublicKey;

    /// <summary>
    /// Issues a check-in nonce (recorded in the boot's nonce store, single-use, 60 s) and builds the signed token.
    /// Claims in the sample order: <c>jti, iss, qid, aud, fws, bls, uis</c> (MSC only), <c>csn</c>.
    /// </summary>
    public static string Create(DeviceCore device, long now, TimeSpan monotonicNow)
    {
        var backendKey = TrustedBackendKey(device);
        var jti = device.Boot.Nonces.Issue(NonceKind.Checkin, now, monotonicNow, device.Entropy);
        var payload = JsonOut.Object(w =>
        {
            w.WriteString("jti", jti);
            w.WriteString("iss", device.Boot.SessionPublicText);
            w.WriteString("qid", Base64Text.Encode(QueryId(device)));
            w.WriteString("aud", Base64Text.Encode(backendKey));
            w.WriteString("fws", Base64Text.Encode(SystemVersion.FirmwareSignature(device)));
            w.WriteString("bls", Base64Text.Encode(SystemVersion.BootloaderSignature));
            if (device.Options.Variant == HardwareVariant.Ppa)
            {
                w.WriteString("uis", Base64Text.Encode(SystemVersion.DashboardHash(device)));
            }
            w.WriteString("csn", Base64Text.Encode(CertificateSerial(device)));
        });
        if (!KeyAgreementAlgorithm.X25519.TryAgree(device.Boot.SessionPrivate, backendKey, out var shared))
        {
            // A configured backend key of low order gives no shared secret: nothing can be signed for it.
            throw new InvalidOperationException("The configured backend key gives no X25519 shared secret.");
        }
        try
        {
            return Jwt.SignHs256(s_header, payload, shared);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    /// <summary>
    /// <c>qid</c>: 32 opaque bytes naming the device to the backend. The derivation is undocumented (spec §8.2);
    /// SIM choice: HKDF-SHA256(ikm = <c>instanceid</c> once initialised, else the <c>eid</c> text, info
    /// "HemSim check-in qid"). Stable across boots, changes with a wipe, reveals neither input.
    /// </summary>
    private static byte[] QueryId(DeviceCore device)
    {
        var name = device.Config?.InstanceId ?? Base64Text.Encode(device.Identity.EidPublic);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(name), 32, salt: [], info: "HemSim check-in qid"u8.ToArray());
    }

    /// <summary>
    /// <c>csn</c>: the 16-byte serial of the device's TLS certificate (spec §8.2): the imported certificate's serial,
    /// big-endian, left-padded with zeros (or its last 16 bytes when longer). Before a certificate is imported the
    /// bridge serves one the device never sees, so the device reports 16 zero bytes.
    /// </summary>
    private static byte[] CertificateSerial(DeviceCore device)
    {
        var serial = new byte[16];
        if (device.Tls?.Certificate is not { } der)
        {
            return serial;
        }
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            var bytes = certificate.SerialNumberBytes.Span;
            var take = Math.Min(bytes.Length, serial.Length);
            bytes[^take..].CopyTo(serial.AsSpan(serial.Length - take));
        }
        catch (CryptographicException)
        {
            // A stored certificate that does not parse is served by nobody; report it like no certificate.
        }
        return serial;
    }
}
