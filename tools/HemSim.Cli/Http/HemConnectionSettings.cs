namespace HemSim.Cli.Http;

/// <summary>Where the device is and how to trust it: the resolved global options.</summary>
/// <param name="BaseUrl">http or https URL of the bridge or device (path ignored; the API lives at the root).</param>
/// <param name="CaCertificatePath">PEM file with the only root(s) trusted for HTTPS, or <c>null</c> for the system store.</param>
/// <param name="Insecure">Skip certificate validation altogether.</param>
/// <param name="Chip">
/// Chip of an EPA rack, or null: requests then carry <c>Host: c&lt;N&gt;.&lt;host of BaseUrl&gt;</c> and the TLS handshake
/// that name as SNI (and checks the certificate against it), as the vendor tester addresses a chip.
/// </param>
internal sealed record HemConnectionSettings(Uri BaseUrl, string? CaCertificatePath, bool Insecure, int? Chip = null)
{
    /// <summary>The <c>Host</c> header for <see cref="Chip"/> (with the port unless it is the scheme's default), or null.</summary>
    public string? ChipHost => Chip is int chip
        ? $"c{chip.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{BaseUrl.IdnHost}" + (BaseUrl.IsDefaultPort ? "" : $":{BaseUrl.Port}")
        : null;
}
