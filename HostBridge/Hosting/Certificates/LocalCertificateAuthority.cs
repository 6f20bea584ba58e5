using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HemSim.HostBridge.Hosting.Certificates;

/// <summary>
/// The per-user certificate authority that issues the bridge's HTTPS certificate. Created once in
/// the data folder (<c>ca.pem</c>, and <c>ca.key.pem</c> readable by its owner only) and reused on
/// every later start, so a client needs to trust it only once (e.g. <c>curl --cacert ca.pem</c>).
/// </summary>
internal sealed class LocalCertificateAuthority : IDisposable
{
    public const string CertificateFileName = "ca.pem";
    public const string KeyFileName = "ca.key.pem";

    private static readonly TimeSpan s_validity = TimeSpan.FromDays(3653); // ten years
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(5);

    private LocalCertificateAuthority(X509Certificate2 certificate, string certificatePath)
    {
        Certificate = certificate;
        CertificatePath = certificatePath;
    }

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Absolute path of <c>ca.pem</c>.</summary>
    public string CertificatePath { get; }

    public static LocalCertificateAuthority LoadOrCreate(string dataDirectory, TimeProvider time)
    {
        string folder = Path.GetFullPath(dataDirectory);
        string certificatePath = Path.Combine(folder, CertificateFileName);
        string keyPath = Path.Combine(folder, KeyFileName);
        PrivateFile.EnsureFolder(folder);

        if (!File.Exists(certificatePath))
        {
            // A key without its certificate is of no use to anyone (nobody can have trusted it): replace it.
            Create(certificatePath, keyPath, time);
        }
        else if (!File.Exists(keyPath))
        {
            throw new BridgeStartupException(
                $"{certificatePath} exists but its private key {keyPath} is missing; delete {certificatePath} to create a new local CA (clients must then trust the new one).");
        }

        return new LocalCertificateAuthority(Load(certificatePath, keyPath, time), certificatePath);
    }

    public void Dispose() => Certificate.Dispose();

    private static void Create(string certificatePath, string keyPath, TimeProvider time)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        // A distinct name per CA, so that trusting two users' CAs never confuses chain building.
        subject.AddCommonName($"HemSim Local CA {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        subject.AddOrganizationName("HemSim");

        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        DateTimeOffset now = time.GetUtcNow();
        using X509Certificate2 certificate = request.CreateSelfSigned(now - s_clockSkew, now + s_validity);

        // Key first: a crash between the two writes leaves a key without a certificate, which the
        // next start replaces, never a certificate without its key.
        PrivateFile.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem(), ownerOnly: true);
        PrivateFile.WriteAllText(certificatePath, certificate.ExportCertificatePem(), ownerOnly: false);
    }

    private static X509Certificate2 Load(string certificatePath, string keyPath, TimeProvider time)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            throw new BridgeStartupException(
                $"The local CA in {Path.GetDirectoryName(certificatePath)} cannot be read ({exception.Message}); delete {CertificateFileName} and {KeyFileName} to create a new one.",
                exception);
        }

        string? problem = Check(certificate, time.GetUtcNow());
        if (problem is not null)
        {
            certificate.Dispose();
            throw new BridgeStartupException(
                $"{certificatePath} {problem}; delete {CertificateFileName} and {KeyFileName} to create a new local CA.");
        }

        return certificate;
    }

    private static string? Check(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            return "is not a CA certificate";
        }

        if (certificate.GetECDsaPrivateKey() is not { } key)
        {
            return "does not hold an ECDSA key";
        }

        key.Dispose();
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            return $"is valid only from {certificate.NotBefore:u} to {certificate.NotAfter:u}";
        }

        return null;
    }
}
