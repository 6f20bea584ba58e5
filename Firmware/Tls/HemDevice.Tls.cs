using HemSim.Firmware.Tls;

namespace HemSim.Firmware.Device;

public sealed partial class HemDevice
{
    /// <summary>
    /// The TLS identity the device serves this boot, for the host bridge (simulator control, never API).
    /// Returns null when it still equals the one tagged <paramref name="knownTag"/>, so that asking on every
    /// TLS handshake costs one hash and the private key crosses only when something changed (a boot, provisioning,
    /// <c>break_tls</c>).
    /// </summary>
    public Task<TlsIdentityExport?> ExportTlsIdentityAsync(ReadOnlyMemory<byte> knownTag, CancellationToken cancellationToken = default) =>
        RunAsync(core => ExportTlsIdentity(core, knownTag.Span), null, cancellationToken);

    /// <summary>
    /// The identity with <see cref="TlsIdentityExport.TlsFaultArmed"/> set from this boot's DIAG fault (spec §16 G5).
    /// An armed identity's tag is the plain tag with every byte inverted, so the tag changes when the flag does and
    /// an armed tag maps back to the plain one for the "unchanged?" check without a second hash.
    /// </summary>
    internal static TlsIdentityExport? ExportTlsIdentity(DeviceCore core, ReadOnlySpan<byte> knownTag)
    {
        if (!core.Boot.Diag.TlsBroken)
        {
            return TlsIdentity.Export(core, knownTag);
        }
        var export = TlsIdentity.Export(core, Invert(knownTag));
        return export is null ? null : export with { Tag = Invert(export.Tag), TlsFaultArmed = true };
    }

    private static byte[] Invert(ReadOnlySpan<byte> tag)
    {
        var inverted = new byte[tag.Length];
        for (var i = 0; i < tag.Length; i++)
        {
            inverted[i] = (byte)(tag[i] ^ 0xFF);
        }
        return inverted;
    }
}
