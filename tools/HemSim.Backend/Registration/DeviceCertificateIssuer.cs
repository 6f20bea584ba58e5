using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HemSim.Backend.Registration;

/// <summary>
/// Issues a device's TLS certificate from the HemSim CA (the bridge's <c>ca.pem</c>/<c>ca.key.pem</c>, loaded by
/// HostBridge/Hosting/Certificates/LocalCertificateAuthority.cs) for the public
/// key of a verified CSR: subject <c>CN=&lt;hostname&gt;</c>, the hostname and the optional extra DNS name and
/// IP address as subject alternative names, server authentication, valid 397 days (at most until the CA expires).
/// The CSR's own subject and requested extensions are not copied: the registered domain decides the names.
/// </summary>
internal sealed class DeviceCertificateIssuer
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1"; // id-kp-serverAuth, RFC 5280 §4.2.1.12

    private static readonly TimeSpan s_validity = TimeSpan.FromDays(397);
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(5);

    private readonly X509Certificate2 _authority;
    private readonly TimeProvider _time;
    private readonly Lock _signing = new();

    /// <param name="authority">The CA certificate with its private key; owned by the caller.</param>
    public DeviceCertificateIssuer(X509Certificate2 authority, TimeProvider time)
    {
        _authority = authority;
        _time = time;
    }

    /// <summary>The DER certificate for <paramref name="publicKey"/>.</summary>
    public byte[] Issue(PublicKey publicKey, string hostname, string? extraDnsName, IPAddress? ipAddress)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(hostname);
        var request = new CertificateRequest(subject.Build(), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
            _authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostname);
        if (extraDnsName is not null && !string.Equals(extraDnsName, hostname, StringComparison.OrdinalIgnoreCase))
        {
            names.AddDnsName(extraDnsName);
        }
        if (ipAddress is not null)
        {
            names.AddIpAddress(ipAddress);
        }
        request.CertificateExtensions.Add(names.Build());

        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset notAfter = now + s_validity < _authority.NotAfter ? now + s_validity : _authority.NotAfter;
        byte[] serialNumber = RandomNumberGenerator.GetBytes(16);
        serialNumber[0] &= 0x7F; // a positive INTEGER (RFC 5280 §4.1.2.2)

        lock (_signing)
        {
            using X509Certificate2 issued = request.Create(_authority, now - s_clockSkew, notAfter, serialNumber);
            return issued.RawData;
        }
    }
}
