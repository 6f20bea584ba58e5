using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HemSim.Firmware.Tests.Tls;

/// <summary>Certificates a test makes for a given public key, signed by a throw-away test CA.</summary>
internal static class TestCertificates
{
    /// <summary>A DER certificate for the key in <paramref name="subjectPublicKeyInfo"/>, issued by a new test CA.</summary>
    public static byte[] IssueFor(byte[] subjectPublicKeyInfo, string commonName = "tls.test.example")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), publicKey, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(
            new X500DistinguishedName("CN=HemSim test CA"), X509SignatureGenerator.CreateForECDsa(caKey),
            now.AddDays(-1), now.AddDays(30), [0x01, 0x02, 0x03]);
        return issued.RawData;
    }

    /// <summary>A DER certificate for a key nobody else holds.</summary>
    public static byte[] ForAnotherKey()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return IssueFor(other.ExportSubjectPublicKeyInfo());
    }
}
