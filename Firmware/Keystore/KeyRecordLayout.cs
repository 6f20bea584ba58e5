using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Keystore;

/// <summary>
/// Where each key record sits in the simulated flash of a DIAG build: the <c>_addr</c> and <c>_len</c> of
/// list and search elements (spec §12.1, §22 #34) and the addresses <c>/api/diag/memdump</c> and
/// <c>/api/diag/corrupt_repo</c> take (spec §16 G8/G9). The real device's addresses are unknown; these are
/// stable by construction: a fixed region base plus slot × a fixed stride, so a record keeps its address
/// for its whole life (update, delete) and across reboots.
/// </summary>
/// <remarks>
/// Record image (the DIAG memdump serialisation must produce exactly <see cref="Length"/> bytes):
/// <code>
///   +0    header      64 B   state, type, flags, kid (16 B), created, updated, field lengths
///   +64   label       32 B   ASCII, zero-padded (labels are at most 32 characters, spec §17.3)
///   +96   descr       64 B   zero-padded (at most 64 bytes, §22 #4)
///   +160  public key  n B    §17.5 encoding (or DER certificate), as stored
///   +…    sealed      m B    sealed secret as stored (zeroed except byte 0 once deleted, §12.6)
///   … padded with zeros to a multiple of 32 B (corrupt_repo addresses are 32-byte aligned, §16 G8)
/// </code>
/// </remarks>
internal static class KeyRecordLayout
{
    /// <summary>Simulated flash address of slot 0.</summary>
    public const int RegionBase = 0x0810_0000;

    /// <summary>Distance between two slots: room for the largest record (ML-DSA-87: 160 + 2592 + sealed seed).</summary>
    public const int SlotStride = 4096;

    public const int HeaderSize = 64;
    public const int LabelField = 32;
    public const int DescrField = 64;
    public const int Alignment = 32;

    public static int Address(KeySlotRecord record) => checked(RegionBase + (record.Slot * SlotStride));

    /// <summary>Bytes of the record image, a multiple of <see cref="Alignment"/>, at most <see cref="SlotStride"/>.</summary>
    public static int Length(KeySlotRecord record)
    {
        var raw = HeaderSize + LabelField + DescrField + record.PublicKey.Length + record.SealedSecret.Length;
        // A certificate too large for its slot would overlap the next one; the image is cut at the stride.
        return Math.Min(SlotStride, (raw + Alignment - 1) / Alignment * Alignment);
    }
}
