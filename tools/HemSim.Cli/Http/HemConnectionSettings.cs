namespace HemSim.Cli.Http;

/// <summary>Where the device is and how to trust it: the resolved global options.</summary>
/// <param name="BaseUrl">http or https URL of the bridge or device (path ignored; the API lives at the root).</param>
/// <param name="CaCertificatePath">PEM file with the only root(s) trusted for HTTPS, or <c>null</c> for the system store.</param>
/// <param name="Insecure">Skip certificate validation altogether.</param>
internal sealed record HemConnectionSettings(Uri BaseUrl, string? CaCertificatePath, bool Insecure);
