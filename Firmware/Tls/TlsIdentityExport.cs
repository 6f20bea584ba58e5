namespace HemSim.Firmware.Tls;

/// <summary>
/// What the host bridge needs to terminate TLS in the device's name (PROTOCOL.md §6.5, control operation 10, GetTlsIdentity).
/// It travels over the control channel only, never through an <c>/api</c> path, because the bridge is where the
/// device's TLS listener really runs: the simulated USB network interface ends in the host process.
/// </summary>
/// <param name="Tag">SHA-256 over everything below: equal tags, equal identity; the bridge sends it back to ask
/// "changed?" cheaply on every handshake.</param>
/// <param name="Hostname">The configured hostname (factory <c>my.ence.do</c> while uninitialised).</param>
/// <param name="PrivateKey">The TLS private key, PKCS#8 DER (P-256). Secret: never log it.</param>
/// <param name="Certificate">The imported DER certificate in force this boot, or null: then the bridge issues one
/// from the HemSim CA for <paramref name="Hostname"/>.</param>
/// <param name="TlsFaultArmed">The DIAG build's TLS-layer fault is armed this boot (spec §16 G5 <c>break_tls</c>): the
/// bridge, which runs the device's TLS, then fails some handshakes until the flag clears at reboot. The tag differs
/// with and without it.</param>
public sealed record TlsIdentityExport(byte[] Tag, string Hostname, byte[] PrivateKey, byte[]? Certificate, bool TlsFaultArmed = false);
