using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>Options every command accepts: where the device is, how to trust it, how to print.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultUrl = "https://127.0.0.1:8443";

    /// <summary>Environment variable of <see cref="Chip"/>.</summary>
    public const string ChipVariable = "HEMSIM_CHIP";

    /// <summary>The largest chip number: the bridge's largest EPA rack (HostBridge/Hosting/RackLayout.cs).</summary>
    public const int MaxChip = 64;

    public GlobalOptions(CliHost host)
    {
        Url = new Option<string>("--url")
        {
            Description = $"Bridge or device URL (env {EnvironmentVariables.Url})",
            HelpName = "URL",
            Recursive = true,
            DefaultValueFactory = _ => host.Variable(EnvironmentVariables.Url) ?? DefaultUrl,
        };
        Ca = new Option<string?>("--ca")
        {
            Description = $"PEM CA certificate to trust as the only root for HTTPS (env {EnvironmentVariables.CaCertificate})",
            HelpName = "PATH",
            Recursive = true,
            DefaultValueFactory = _ => host.Variable(EnvironmentVariables.CaCertificate),
        };
        Insecure = new Option<bool>("--insecure")
        {
            Description = "Do not validate the device's TLS certificate (prints a warning)",
            Recursive = true,
        };
        Chip = new Option<string?>("--chip")
        {
            Description = $"Chip of an EPA rack (bridge --chips): send Host and TLS SNI c<N>.<host of --url> (env {ChipVariable})",
            HelpName = "N",
            Recursive = true,
            DefaultValueFactory = _ => host.Variable(ChipVariable),
        };
        Json = new Option<bool>("--json")
        {
            Description = "Print the device's JSON answer instead of text",
            Recursive = true,
        };
    }

    public Option<string> Url { get; }

    public Option<string?> Ca { get; }

    public Option<bool> Insecure { get; }

    public Option<string?> Chip { get; }

    public Option<bool> Json { get; }

    public void AddTo(Command root)
    {
        root.Add(Url);
        root.Add(Ca);
        root.Add(Insecure);
        root.Add(Chip);
        root.Add(Json);
    }

    public bool JsonOutput(ParseResult parse) => parse.GetValue(Json);

    /// <summary>The connection settings, validated; a bad value is a <see cref="CliUsageException"/>.</summary>
    public HemConnectionSettings Resolve(ParseResult parse)
    {
        string url = parse.GetValue(Url) ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException($"--url must be an absolute http:// or https:// URL, not '{url}'");
        }

        bool insecure = parse.GetValue(Insecure);
        if (insecure && parse.GetResult(Ca) is { Implicit: false })
        {
            throw new CliUsageException("--insecure and --ca exclude each other");
        }

        // --insecure overrides a CA that only came from HEMSIM_CA.
        return new HemConnectionSettings(baseUrl, insecure ? null : parse.GetValue(Ca), insecure, ResolveChip(parse, baseUrl));
    }

    /// <summary>The chip number of <c>--chip</c>/<c>HEMSIM_CHIP</c>, or null for none (a single device).</summary>
    private int? ResolveChip(ParseResult parse, Uri baseUrl)
    {
        string? text = parse.GetValue(Chip);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int chip)
            || chip is < 1 or > MaxChip)
        {
            throw new CliUsageException($"--chip must be a chip number from 1 to {MaxChip}, not '{text}'");
        }
        if (baseUrl.HostNameType == UriHostNameType.IPv6)
        {
            throw new CliUsageException("--chip prefixes the host of --url (c<N>.<host>): give a host name or IPv4 address, not IPv6");
        }
        return chip;
    }

    public HemClient CreateClient(ParseResult parse, CliHost host) => HemClient.Create(Resolve(parse), host.Error);
}
