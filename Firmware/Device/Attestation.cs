using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Security.Cryptography.X509Certificates;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Tls;

namespace HemSim.Firmware.Device;

/// <summary>
/// The simulated secure element's attestation key (P-256) and the <c>genuine</c> token made with it
/// (spec §11.7): <c>b64(SKI) "." b64(ASCII decimal time) "." b64(DER ECDSA signature over the first two
/// parts joined by ".")</c>, where SKI is SHA-1 of the uncompressed public point. Survives wipes, as the
/// secure element does, and so does its certificate (blob <see cref="CertificateBlob"/>): the simulated factory
/// issues one under <see cref="AttestationRoot"/> when it makes the key, and <c>POST
/// /api/system/config/provisioning</c> (§11.8) stores one on a secure element that has none.
/// </summary>
internal sealed class Attestation : IDisposable
{
    public const string Blob = "attestation.p256";

    /// <summary>DER attestation certificate; absent on a factory-fresh secure element.</summary>
    public const string CertificateBlob = "attestation.crt";
    private static readonly byte[] s_aad = "HemSim attestation key"u8.ToArray();

    private readonly ECDsa _key;
    private readonly byte[] _ski;

    private Attestation(ECDsa key)
    {
        _key = key;
        var q = key.ExportParameters(false).Q;
        _ski = SHA1.HashData([0x04, .. q.X!, .. q.Y!]);
    }

    /// <remarks>The key comes from the OS generator, not the device entropy source: it is not a user
    /// key, and its signatures are randomised anyway, so a seeded device gains nothing from it.</remarks>
    public static Attestation LoadOrCreate(IFlash flash, SecureElement secureElement)
    {
        var key = ECDsa.Create();
        var sealedKey = flash.ReadBlob(Blob);
        if (sealedKey is not null)
        {
            if (!secureElement.TryUnseal(sealedKey, s_aad, out var pkcs8))
            {
                key.Dispose();
                throw new InvalidDataException(
                    $"The flash holds an attestation key sealed by another secure element ({SecureElement.FileName} does not match).");
            }
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            CryptographicOperations.ZeroMemory(pkcs8);
            return new Attestation(key);
        }
        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        var exported = key.ExportPkcs8PrivateKey();
        flash.WriteBlob(Blob, secureElement.Seal(exported, s_aad));
        CryptographicOperations.ZeroMemory(exported);
        var made = new Attestation(key);
        // The factory certifies the key it has just made; a flash from before this step keeps a fresh element.
        flash.WriteBlob(CertificateBlob, AttestationRoot.Issue(key, made._ski));
        return made;
    }

    /// <summary>SHA-1 of the uncompressed public point: the SKI of the certificate and of every genuine token.</summary>
    public ReadOnlySpan<byte> SubjectKeyIdentifier => _ski;

    /// <summary>The public key as DER SubjectPublicKeyInfo (the §11.7 <c>key</c> of a fresh element).</summary>
    public byte[] PublicKeyDer() => _key.ExportSubjectPublicKeyInfo();

    /// <summary>The stored DER certificate, or null on a factory-fresh secure element.</summary>
    public static byte[]? ReadCertificate(IFlash flash) => flash.ReadBlob(CertificateBlob);

    /// <summary>True when <paramref name="certificate"/> certifies this attestation key.</summary>
    public bool Certifies(X509Certificate2 certificate) =>
        certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(PublicKeyDer());

    /// <summary>A PEM PKCS#10 request for the attestation key, for the factory to certify (§11.7 fresh element).</summary>
    public string CreateCsrPem()
    {
        var request = new CertificateRequest(
            $"CN=HemSim Secure Element {Convert.ToHexStringLower(_ski)}, O=HemSim", _key, HashAlgorithmName.SHA256);
        return request.CreateSigningRequestPem();
    }

    /// <summary>
    /// True when <paramref name="token"/> is a <c>genuine</c> token of this secure element: its SKI is ours and its
    /// signature verifies. The time part is not checked: the factory may relay a token made a while ago.
    /// </summary>
    public bool IsOwnGenuineToken(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3
            || !Json.Base64Text.TryDecode(parts[0], out var ski)
            || !Json.Base64Text.TryDecode(parts[2], out var signature))
        {
            return false;
        }
        try
        {
            return ski.AsSpan().SequenceEqual(_ski)
                && _key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature,
                    HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false; // a signature that is not DER is a token that is not ours
        }
    }

    public string GenuineToken(long now)
    {
        var signed = Convert.ToBase64String(_ski) + "." + Convert.ToBase64String(Encoding.ASCII.GetBytes(now.ToString(CultureInfo.InvariantCulture)));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return signed + "." + Convert.ToBase64String(signature);
    }

    /// <summary>
    /// ECDH of the attestation key with <paramref name="peer"/> (a P-256 public point): the raw shared secret, the
    /// x-coordinate of d·P (32 bytes), for the simulator's TLS key delivery (Tls/TlsKeyDelivery.cs). The private
    /// key does not leave this class; the caller zeroes the answer.
    /// </summary>
    /// <exception cref="CryptographicException"><paramref name="peer"/> is not a P-256 point.</exception>
    internal byte[] AgreeWith(ECParameters peer)
    {
        var parameters = _key.ExportParameters(true);
        try
        {
            using var own = ECDiffieHellman.Create(parameters);
            using var other = ECDiffieHellman.Create(peer);
            using var otherPublic = other.PublicKey;
            return own.DeriveRawSecretAgreement(otherPublic);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    public void Dispose() => _key.Dispose();
}
