using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace HemSim.TestKit;

/// <summary>
/// Certificate validation that trusts exactly one CA as its root: the chain must build to it and
/// the name must match. Validation is never switched off.
/// </summary>
internal static class CaTrust
{
    public static X509Certificate2 Load(string caPath) => X509CertificateLoader.LoadCertificateFromFile(caPath);

    public static bool Validates(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        return ChainsTo(ca, certificate);
    }

    public static bool ChainsTo(X509Certificate2 ca, X509Certificate certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using X509Certificate2 leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span);
    }

    public static HttpClient CreateClient(X509Certificate2 ca) =>
        new(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validates(ca, certificate, errors),
            },
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
}
