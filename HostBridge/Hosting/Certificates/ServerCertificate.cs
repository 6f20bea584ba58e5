using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HemSim.HostBridge.Hosting.Certificates;

/// <summary>
/// Issues the HTTPS server certificate, new at every start and kept in memory only: ECDSA P-256,
/// signed by the <see cref="LocalCertificateAuthority"/>, for the configured hostname,
/// <c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c> and a specific bind address.
/// </summary>
internal static class ServerCertificate
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1"; // id-kp-serverAuth, RFC 5280 §4.2.1.12

    // Below the 398 days that browsers accept for a server certificate.
    private static readonly TimeSpan s_validity = TimeSpan.FromDays(397);
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(5);

    public static X509Certificate2 Issue(LocalCertificateAuthority authority, string hostname, IPAddress bindAddress, TimeProvider time)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Issue(authority, key, [hostname], bindAddress, time);
    }

    /// <summary>
    /// Issues a certificate for <paramref name="key"/> (the device's TLS key, HostBridge/Hosting/Certificates/
    /// DeviceCertificateSource.cs): subject CN = the first of <paramref name="hostnames"/>, every one of them in the
    /// subject alternative names, besides <c>localhost</c>, the loopback addresses and a specific bind address.
    /// </summary>
    public static X509Certificate2 Issue(LocalCertificateAuthority authority, ECDsa key, IReadOnlyList<string> hostnames, IPAddress bindAddress, TimeProvider time)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(hostnames[0]);

        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
            authority.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(SubjectAlternativeNames(hostnames, bindAddress));

        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset notAfter = now + s_validity;
        if (notAfter > authority.Certificate.NotAfter)
        {
            notAfter = authority.Certificate.NotAfter;
        }

        byte[] serialNumber = RandomNumberGenerator.GetBytes(16);
        serialNumber[0] &= 0x7F; // a positive INTEGER (RFC 5280 §4.1.2.2)

        using X509Certificate2 issued = request.Create(authority.Certificate, now - s_clockSkew, notAfter, serialNumber);
        return WithKey(issued, key);
    }

    /// <summary>
    /// <paramref name="certificate"/> joined to its private <paramref name="key"/>, through PKCS#12 and back, so that
    /// the key is one SslStream can use on every platform (a key attached with CopyWithPrivateKey is ephemeral,
    /// which SChannel refuses).
    /// </summary>
    public static X509Certificate2 WithKey(X509Certificate2 certificate, ECDsa key)
    {
        using X509Certificate2 withKey = certificate.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    private static X509Extension SubjectAlternativeNames(IReadOnlyList<string> hostnames, IPAddress bindAddress)
    {
        var names = new SubjectAlternativeNameBuilder();
        var addresses = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        var dnsNames = new List<string>();
        foreach (string hostname in hostnames)
        {
            if (IPAddress.TryParse(hostname, out IPAddress? hostAddress))
            {
                addresses.Add(hostAddress);
            }
            else
            {
                dnsNames.Add(hostname);
            }
        }

        dnsNames.Add("localhost");
        foreach (string dnsName in dnsNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            names.AddDnsName(dnsName);
        }

        if (!bindAddress.Equals(IPAddress.Any) && !bindAddress.Equals(IPAddress.IPv6Any))
        {
            addresses.Add(bindAddress);
        }

        foreach (IPAddress address in addresses.Distinct())
        {
            names.AddIpAddress(address);
        }

        return names.Build();
    }
}
