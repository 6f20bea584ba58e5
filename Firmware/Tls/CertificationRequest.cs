using System.Security.Cryptography;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Platform;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;

namespace HemSim.Firmware.Tls;

/// <summary>
/// PKCS#10 certification requests (RFC 2986) for the TLS key, made with BouncyCastle's
/// <see cref="Pkcs10CertificationRequest"/>: subject <c>CN=&lt;hostname&gt;</c>, ECDSA with SHA-256, output as PEM
/// (spec §22 #20). BouncyCastle types stay in this file; callers see PEM text.
/// </summary>
internal static class CertificationRequest
{
    public const string PemLabel = "CERTIFICATE REQUEST";

    public static string CreatePem(TlsKey key, string hostname, IEntropySource entropy)
    {
        var curve = SecObjectIdentifiers.SecP256r1;
        var domain = ECNamedDomainParameters.LookupOid(curve);
        var d = new BigInteger(1, key.Scalar);
        var privateKey = new ECPrivateKeyParameters("EC", d, curve);
        var publicKey = new ECPublicKeyParameters("EC", domain.G.Multiply(d).Normalize(), curve);
        var subject = new X509Name([X509Name.CN], [hostname]);

        // The ECDSA nonce comes from the device entropy, like every random number the device draws.
        var signer = new Asn1SignatureFactory("SHA256WITHECDSA", privateKey, new EntropySecureRandom(entropy));
        // An empty attribute set, not none: RFC 2986 makes the [0] field mandatory and strict parsers (.NET) insist.
        var request = new Pkcs10CertificationRequest(signer, subject, publicKey, DerSet.Empty);
        return new string(PemEncoding.Write(PemLabel, request.GetDerEncoded())) + "\n";
    }
}
