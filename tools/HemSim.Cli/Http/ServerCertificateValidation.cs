using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HemSim.Cli.Commands;

namespace HemSim.Cli.Http;

/// <summary>How the client decides to trust the device's TLS certificate.</summary>
internal static class ServerCertificateValidation
{
    /// <summary>
    /// Trusts only the CA certificates in <paramref name="pemPath"/>: the chain is rebuilt with
    /// <see cref="X509ChainTrustMode.CustomRootTrust"/>, so the system roots play no part. The host name is still
    /// checked by the platform (a name mismatch is refused).
    /// </summary>
    public static RemoteCertificateValidationCallback TrustOnly(string pemPath)
    {
        X509Certificate2Collection roots = LoadRoots(pemPath);
        return (_, certificate, presentedChain, errors) =>
        {
            if (certificate is not X509Certificate2 leaf
                || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)
                || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (presentedChain is not null)
            {
                // Intermediates the server sent are candidates for the path, never trust anchors.
                foreach (X509ChainElement element in presentedChain.ChainElements)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            return chain.Build(leaf);
        };
    }

    public static RemoteCertificateValidationCallback AcceptAny() => (_, _, _, _) => true;

    private static X509Certificate2Collection LoadRoots(string pemPath)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(pemPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new CliUsageException($"cannot read the CA certificate '{pemPath}': {ex.Message}");
        }

        return roots.Count > 0
            ? roots
            : throw new CliUsageException($"no PEM certificate found in '{pemPath}'");
    }
}
