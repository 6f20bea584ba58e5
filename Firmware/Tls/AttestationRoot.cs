using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HemSim.Firmware.Tls;

/// <summary>
/// The HemSim attestation test root: the simulated factory CA that certifies each secure element's attestation
/// key (spec §11.7 <c>crt</c>). It is a <b>published test root, not a secret</b>: its private key is in this file,
/// so anyone can mint a certificate under it, and a HemSim attestation proves only "made by a HemSim simulator".
/// One fixed root (rather than one per data folder) lets a client pin it once for every simulator it meets, and
/// lets an in-memory device attest without a data folder. Valid 2020-01-01 to 2120-01-01, so devices whose clock
/// is unset or fixed in the past still chain.
/// </summary>
internal static class AttestationRoot
{
    /// <summary>Subject (and issuer) of the root.</summary>
    public const string Subject = "CN=HemSim Attestation Test Root, O=HemSim";

    /// <summary>The root certificate, self-signed, P-256, CA:TRUE pathlen 0.</summary>
    public const string CertificatePem = """
        -----BEGIN CERTIFICATE-----
        MIIBrTCCAVSgAwIBAgIJSGVtU2ltQXR0MAoGCCqGSM49BAMCMDgxDzANBgNVBAoM
        BkhlbVNpbTElMCMGA1UEAwwcSGVtU2ltIEF0dGVzdGF0aW9uIFRlc3QgUm9vdDAg
        Fw0yMDAxMDEwMDAwMDBaGA8yMTIwMDEwMTAwMDAwMFowODEPMA0GA1UECgwGSGVt
        U2ltMSUwIwYDVQQDDBxIZW1TaW0gQXR0ZXN0YXRpb24gVGVzdCBSb290MFkwEwYH
        KoZIzj0CAQYIKoZIzj0DAQcDQgAE5B292JwZ+I7hSyR6zDG9u6kzmHGEMkjC4FSk
        LW3ZFt8fgRptbksaUU208K/7vBeb2DAYPzwMZ5gPxrK190ujjqNFMEMwEgYDVR0T
        AQH/BAgwBgEB/wIBADAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0OBBYEFFioa0CC+RDl
        iDdO5V6NRr0opKRwMAoGCCqGSM49BAMCA0cAMEQCIBIDBZjfuPKNtnC8KWW56n6g
        JlJlvTcnWkhjrHr9jGdkAiBMa8Y/Vl/nIfwGCnNtug/3eSVO7y0MIy8OmbcDiYyv
        3A==
        -----END CERTIFICATE-----
        """;

    // NOT A SECRET: the published private key of the test root above (PKCS#8, P-256).
    private const string PrivateKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg86KcBmKwxf/yVojI
        vc9iC91r15ZOyToEwFXZBqUEgd2hRANCAATkHb3YnBn4juFLJHrMMb27qTOYcYQy
        SMLgVKQtbdkW3x+BGm1uSxpRTbTwr/u8F5vYMBg/PAxnmA/GsrX3S6OO
        -----END PRIVATE KEY-----
        """;

    private static readonly DateTimeOffset s_notBefore = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_notAfter = new(2120, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The root certificate without its key (for chain checks).</summary>
    public static X509Certificate2 LoadCertificate() => X509Certificate2.CreateFromPem(CertificatePem);

    /// <summary>
    /// The factory step: a DER certificate for a secure element's attestation key, issued by the root. Its
    /// Subject Key Identifier is <paramref name="ski"/>, the first part of every <c>genuine</c> token (§11.7).
    /// </summary>
    public static byte[] Issue(ECDsa attestationPublicKey, byte[] ski)
    {
        using var rootKey = ECDsa.Create();
        rootKey.ImportFromPem(PrivateKeyPem);
        using var root = LoadCertificate();

        var request = new CertificateRequest(
            $"CN=HemSim Secure Element {Convert.ToHexStringLower(ski)}, O=HemSim", attestationPublicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(ski, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
            root, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive INTEGER (RFC 5280 §4.1.2.2)
        using var issued = request.Create(
            root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), s_notBefore, s_notAfter, serial);
        return issued.RawData;
    }
}
