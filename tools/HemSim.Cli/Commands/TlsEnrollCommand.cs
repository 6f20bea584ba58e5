using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim tls enroll [--backend URL] [--auth-key KEY] [--reboot]</c>: the TLS enrolment the vendor clients run at
/// provisioning ([T] test_2 step i, spec §7.1 step 8), for an initialised device: a CSR from the device's TLS key
/// (<c>POST /api/system/config {"gen_csr":true}</c>), certificate registration at the backend
/// (<c>POST /domain/register/NAME/AUTHKEY {csr, genuine, ip|cname}</c>, tools/HemSim.Backend for the stand-in), the
/// backend's bundle installed unchanged (<c>POST /api/system/config {"tls":…}</c>), and with <c>--reboot</c> a reboot
/// so the device serves it (it is served from the next boot on).
/// </summary>
/// <remarks>
/// NAME is the device hostname's prefix under <c>ence.do</c> (<c>cctest1.ence.do</c> → <c>cctest1</c>), as the vendor
/// tester sends it, and the whole hostname otherwise (a stand-in extension). The body carries <c>ip</c> when the
/// device is reached by an IP address (<c>--url https://127.0.0.1:8443</c>) and <c>cname</c> when by a name, so the
/// certificate also names the address the client uses.
/// </remarks>
internal static class TlsEnrollCommand
{
    public const string DefaultBackend = "https://api.encedo.com";

    /// <summary>Environment variable for <c>--auth-key</c>.</summary>
    public const string AuthKeyVariable = "HEMSIM_BACKEND_AUTHKEY";

    /// <summary>Sent when no key is given: the stand-in backend accepts any; the vendor's needs an account's key.</summary>
    public const string DefaultAuthKey = "hemsim";

    private const string VendorDomainSuffix = ".ence.do";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var backend = new Option<string>("--backend")
        {
            Description = $"Backend URL; only its origin is used, so the check-in URL works too (env {CheckinCommand.BackendVariable}) [default: {DefaultBackend}]",
            HelpName = "URL",
        };
        var authKey = new Option<string?>("--auth-key")
        {
            // No DefaultValueFactory: help prints defaults, and the key is a credential.
            Description = $"The backend's API authorisation key (env {AuthKeyVariable}); the stand-in accepts any",
            HelpName = "KEY",
        };
        var reboot = new Option<bool>("--reboot") { Description = "Reboot the device afterwards, so it serves the new certificate at once" };
        var auth = new BearerTokenOptions(ConfigCommand.Scope);
        var command = new Command("enroll",
            "Get a certificate for the device's TLS key from the backend and install it (CSR, registration, install)")
        {
            backend, authKey, reboot,
        };
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            HemConnectionSettings device = global.Resolve(parse);
            Uri backendUrl = ResolveBackend(parse.GetValue(backend) ?? host.Variable(CheckinCommand.BackendVariable) ?? DefaultBackend);
            string key = parse.GetValue(authKey) ?? host.Variable(AuthKeyVariable) ?? DefaultAuthKey;
            using HemClient client = HemClient.Create(device, host.Error);

            HemResponse status = await client.GetAsync("/api/system/status", bearerToken: null, cancellationToken).ConfigureAwait(false);
            if (status.Json.TryGetProperty("inited", out _))
            {
                throw new CliUsageException("the device is not initialised: provision it first (hemsim init); the CSR comes from an initialised device");
            }
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            string hostname = (await client.GetAsync("/api/system/config", bearer, cancellationToken).ConfigureAwait(false)).RequiredString("hostname");
            HemResponse csr = await client.PostJsonAsync("/api/system/config", """{"gen_csr":true}"""u8.ToArray(), bearer, cancellationToken)
                .ConfigureAwait(false);
            byte[] request = CompactJson.Write(writer =>
            {
                writer.WriteString("csr", csr.RequiredString("csr"));
                writer.WriteString("genuine", csr.RequiredString("genuine"));
                string reachedAs = device.BaseUrl.IdnHost;
                writer.WriteString(IPAddress.TryParse(reachedAs, out _) ? "ip" : "cname", reachedAs);
            });

            byte[] bundle = await TlsBackendClient.RegisterAsync(device, backendUrl, RegistrationName(hostname), key, request, cancellationToken)
                .ConfigureAwait(false);
            byte[] install = CompactJson.Write(writer =>
            {
                writer.WritePropertyName("tls");
                using JsonDocument document = JsonDocument.Parse(bundle);
                document.RootElement.WriteTo(writer);
            });
            await client.PostJsonAsync("/api/system/config", install, bearer, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(reboot))
            {
                await client.GetAsync("/api/system/reboot", bearer, cancellationToken).ConfigureAwait(false);
            }

            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(System.Text.Encoding.UTF8.GetString(bundle));
                return ExitCodes.Success;
            }
            host.Out.WriteLine($"csr:       made by the device for {hostname}");
            host.Out.WriteLine($"issued:    {Describe(bundle)} by {backendUrl.GetLeftPart(UriPartial.Authority)}");
            host.Out.WriteLine(parse.GetValue(reboot)
                ? "installed: the device is rebooting to serve it; tokens of the old boot are invalid"
                : "installed: served from the next boot (hemsim reboot, or pass --reboot)");
            return ExitCodes.Success;
        }, Hint));
        return command;
    }

    /// <summary>The NAME of <c>/domain/register/NAME/…</c>: the prefix under <c>ence.do</c>, else the whole hostname.</summary>
    public static string RegistrationName(string hostname)
    {
        if (hostname.EndsWith(VendorDomainSuffix, StringComparison.OrdinalIgnoreCase))
        {
            string prefix = hostname[..^VendorDomainSuffix.Length];
            if (prefix.Length > 0 && !prefix.Contains('.', StringComparison.Ordinal))
            {
                return prefix;
            }
        }
        return hostname;
    }

    private static Uri ResolveBackend(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new CliUsageException($"--backend must be an absolute https:// URL, not '{text}'");

    /// <summary>Subject, serial and expiry of the issued certificate; the bundle itself is the backend's business.</summary>
    private static string Describe(byte[] bundle)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(bundle);
            using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(
                Convert.FromBase64String(document.RootElement.GetProperty("crt").GetString()!));
            return $"{certificate.Subject}, serial {certificate.SerialNumber.ToLowerInvariant()}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'},";
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return "a certificate the client cannot read (the device decides whether it takes it),";
        }
    }

    private static string? Hint(HemStatusException failure) => failure switch
    {
        { Path: "/api/system/config", Status: 400, Method: "POST" } =>
            "the device refused the certificate: it must certify the device's own TLS key (the backend answered for another CSR?)",
        { Path: "/api/system/config" } => ConfigCommand.Hint()(failure),
        { Path: "/api/system/reboot", Status: 403 } => "the certificate is installed; reboot with a token allowed to (hemsim reboot)",
        _ => LoginCommand.LoginHint(failure),
    };
}
