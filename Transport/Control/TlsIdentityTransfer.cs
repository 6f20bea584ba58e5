using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tls;

namespace HemSim.Transport.Control;

/// <summary>
/// <see cref="ControlOperation.GetTlsIdentity"/> (PROTOCOL.md §6.5, operation 10): the device's TLS identity
/// carried to the host bridge, which terminates TLS for the device. Result data, little-endian:
/// <code>
/// tag[32] · u16 hostname length · hostname (UTF-8) · u32 key length · PKCS#8 key · u32 certificate length · DER · u8 flags
/// </code>
/// A certificate length of 0 means "none imported": the host issues one from its CA. Flags bit 0
/// (<see cref="FlagTlsFaultArmed"/>): the DIAG <c>break_tls</c> fault is armed this boot; other bits are reserved. The private key crosses the
/// link because the TLS listener of the simulated device is the host's (the real device ends TLS in its own
/// firmware); it travels only here, on the simulator's control channel, never through an <c>/api</c> path, and the
/// host keeps it in memory only.
/// </summary>
public static class TlsIdentityTransfer
{
    public const int TagSize = 32;

    /// <summary>Flags bit 0: the TLS-layer fault of <c>/api/diag/break_tls</c> is armed (spec §16 G5).</summary>
    public const byte FlagTlsFaultArmed = 0x01;

    /// <summary>Device side: answers the operation from <paramref name="device"/>.</summary>
    public static async Task<ControlResult> HandleAsync(HemDevice device, ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Operation != ControlOperation.GetTlsIdentity)
        {
            return ControlResult.Unsupported($"This device offers only {ControlOperation.GetTlsIdentity} on its control channel.");
        }
        if (request.Argument.Length is not (0 or TagSize))
        {
            return ControlResult.InvalidArgument($"{ControlOperation.GetTlsIdentity} takes nothing or a {TagSize}-byte tag.");
        }
        TlsIdentityExport? identity = await device.ExportTlsIdentityAsync(request.Argument, cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            return ControlResult.Ok(ReadOnlyMemory<byte>.Empty);
        }
        byte[] encoded = Encode(identity);
        CryptographicOperations.ZeroMemory(identity.PrivateKey);   // the encoded copy is the one that travels
        return ControlResult.Ok(encoded);
    }

    public static byte[] Encode(TlsIdentityExport identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        byte[] hostname = Encoding.UTF8.GetBytes(identity.Hostname);
        byte[] certificate = identity.Certificate ?? [];
        var data = new byte[checked(TagSize + 2 + hostname.Length + 4 + identity.PrivateKey.Length + 4 + certificate.Length + 1)];
        var span = data.AsSpan();
        identity.Tag.CopyTo(span);
        span = span[TagSize..];
        BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)hostname.Length));
        hostname.CopyTo(span[2..]);
        span = span[(2 + hostname.Length)..];
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)identity.PrivateKey.Length);
        identity.PrivateKey.CopyTo(span[4..]);
        span = span[(4 + identity.PrivateKey.Length)..];
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)certificate.Length);
        certificate.CopyTo(span[4..]);
        span[4 + certificate.Length] = identity.TlsFaultArmed ? FlagTlsFaultArmed : (byte)0;
        return data;
    }

    /// <summary>Host side: false when <paramref name="data"/> is not a whole, well-formed identity.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out TlsIdentityExport? identity)
    {
        identity = null;
        if (data.Length < TagSize + 2)
        {
            return false;
        }
        byte[] tag = data[..TagSize].ToArray();
        data = data[TagSize..];
        int hostnameLength = BinaryPrimitives.ReadUInt16LittleEndian(data);
        if (data.Length < 2 + hostnameLength + 4)
        {
            return false;
        }
        string hostname;
        try
        {
            hostname = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data.Slice(2, hostnameLength));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        data = data[(2 + hostnameLength)..];
        if (!TryReadBlock(ref data, out byte[] key) || key.Length == 0 || !TryReadBlock(ref data, out byte[] certificate) || data.Length != 1)
        {
            return false;
        }
        bool faultArmed = (data[0] & FlagTlsFaultArmed) != 0;
        identity = new TlsIdentityExport(tag, hostname, key, certificate.Length == 0 ? null : certificate, faultArmed);
        return true;
    }

    private static bool TryReadBlock(ref ReadOnlySpan<byte> data, out byte[] block)
    {
        block = [];
        if (data.Length < 4)
        {
            return false;
        }
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length > (uint)(data.Length - 4))
        {
            return false;
        }
        block = data.Slice(4, (int)length).ToArray();
        data = data[(4 + (int)length)..];
        return true;
    }
}
