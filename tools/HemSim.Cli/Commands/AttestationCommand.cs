using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim attestation</c>: <c>GET /api/system/config/attestation</c> (spec §11.7). Prints the secure element's
/// attestation certificate (subject, issuer, validity, SKI) or, on a factory-fresh element, its CSR, and the
/// <c>genuine</c> token; <c>--out FILE</c> writes the certificate (DER) or the CSR (PEM).
/// </summary>
internal static class AttestationCommand
{
    public const string Path = "/api/system/config/attestation";

    /// <summary>Any valid token is accepted (the scope is not checked); a login asks for this one.</summary>
    public const string Scope = "system:config";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var auth = new BearerTokenOptions(Scope);
        var output = new Option<string?>("--out")
        {
            Description = "Write the attestation certificate (DER) or, on a fresh secure element, the CSR (PEM) to FILE",
            HelpName = "FILE",
        };
        var command = new Command("attestation",
            "Show the secure element's attestation certificate (or its CSR) and a genuine token (no token needed on a fresh device)");
        auth.AddTo(command);
        command.Add(output);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            string? bearer = await FreshDeviceToken.ResolveAsync(auth, parse, client, host, cancellationToken).ConfigureAwait(false);
            HemResponse reply = await client.GetAsync(Path, bearer, cancellationToken).ConfigureAwait(false);
            bool json = global.JsonOutput(parse);
            if (json)
            {
                host.Out.WriteLine(reply.Text);
            }

            string genuine = reply.RequiredString("genuine");
            byte[] file;
            if (reply.Json.TryGetProperty("crt", out _))
            {
                file = CryptoOutput.RequiredBytes(reply, Path, "crt");
                if (!json)
                {
                    PrintCertificate(file, host.Out);
                }
            }
            else
            {
                string csr = reply.RequiredString("csr");
                file = Encoding.ASCII.GetBytes(csr);
                if (!json)
                {
                    host.Out.WriteLine("certificate: none (factory-fresh secure element); its request:");
                    host.Out.Write(csr.EndsWith('\n') ? csr : csr + "\n");
                    host.Out.WriteLine($"key:         {reply.RequiredString("key")}");
                }
            }

            if (!json)
            {
                host.Out.WriteLine($"genuine:     {genuine}");
            }

            if (parse.GetValue(output) is { } path)
            {
                Write(path, file);
                if (!json)
                {
                    host.Out.WriteLine($"wrote {file.Length} bytes to {path}");
                }
            }

            return ExitCodes.Success;
        }, failure => failure.Path == Path
            ? failure.Status switch
            {
                401 => "the device is initialised: pass a token (--token, HEMSIM_TOKEN) or a passphrase to log in",
                404 => "this device has no attestation endpoint (EPA hardware)",
                409 => "a fault is latched (fls_state): reboot the device to clear it",
                _ => null,
            }
            : LoginCommand.LoginHint(failure)));
        return command;
    }

    private static void PrintCertificate(byte[] der, TextWriter output)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            throw new HemProtocolException($"{Path}: the answer's \"crt\" is not a DER certificate");
        }

        using (certificate)
        {
            output.WriteLine($"subject:     {certificate.Subject}");
            output.WriteLine($"issuer:      {certificate.Issuer}");
            output.WriteLine($"valid:       {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
            if (certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault() is { } ski)
            {
                output.WriteLine($"ski:         {ski.SubjectKeyIdentifier?.ToLowerInvariant()}");
            }
        }
    }

    private static void Write(string path, byte[] bytes)
    {
        try
        {
            File.WriteAllBytes(path, bytes);    // public data: a certificate or a request
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot write '{path}': {ex.Message}");
        }
    }
}
