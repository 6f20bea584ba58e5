using System.Buffers.Binary;
using System.Text;
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
///   +0    header      64 B   +0 state (u8: 1 used, 2 deleted), +2 type (u16), +4 seal word (4 B),
///                            +8 flags (u32), +16 kid (16 B), +32 created (i64), +40 updated (i64),
///                            +48 label, descr, public-key and sealed lengths (u16 each); little-endian
///   +64   label       32 B   ASCII, zero-padded (labels are at most 32 characters, spec §17.3)
///   +96   descr       64 B   zero-padded (at most 64 bytes, §22 #4)
///   +160  public key  n B    §17.5 encoding (or DER certificate), as stored
///   +…    sealed      m B    sealed secret as stored (zeroed except byte 0 once deleted, §12.6)
///   … padded with zeros to a multiple of 32 B (corrupt_repo addresses are 32-byte aligned, §16 G8)
/// </code>
/// SIM: the seal word (record bytes 4–7) and bytes 4–7 of the sealed secret are the same flash cells: the word
/// is the first thing the integrity check reads. <c>corrupt_repo</c> zeroes "bytes 4–7 of the record" (§22 #35),
/// that is these cells, so the sealed secret no longer unseals. A record without a sealed secret has no seal
/// word (zeros) and nothing to corrupt.
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

    /// <summary>Offset of the seal word in the record image (spec §22 #35: "bytes 4–7 of the record").</summary>
    public const int SealWordOffset = 4;

    /// <summary>Bytes of the seal word, also its offset inside the sealed secret.</summary>
    public const int SealWordSize = 4;

    /// <summary>Slot whose image starts exactly at <paramref name="address"/>, or -1 (misaligned, outside the region).</summary>
    public static int SlotAt(long address, int capacity)
    {
        var offset = address - RegionBase;
        if (offset < 0 || offset % SlotStride != 0 || offset / SlotStride >= capacity)
        {
            return -1;
        }
        return (int)(offset / SlotStride);
    }

    /// <summary>The DIAG memdump serialisation of <paramref name="record"/>: exactly <see cref="Length"/> bytes.</summary>
    public static byte[] Image(KeySlotRecord record)
    {
        var raw = new byte[HeaderSize + LabelField + DescrField + record.PublicKey.Length + record.SealedSecret.Length];
        var header = raw.AsSpan(0, HeaderSize);
        header[0] = (byte)record.State;
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], (ushort)record.KeyType);
        if (record.SealedSecret.Length >= SealWordOffset + SealWordSize)
        {
            record.SealedSecret.AsSpan(SealWordOffset, SealWordSize).CopyTo(header[SealWordOffset..]);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)record.Flags);
        record.Kid.AsSpan(0, Math.Min(16, record.Kid.Length)).CopyTo(header[16..]);
        BinaryPrimitives.WriteInt64LittleEndian(header[32..], record.Created);
        BinaryPrimitives.WriteInt64LittleEndian(header[40..], record.Updated);
        var label = Encoding.ASCII.GetBytes(record.Label);
        var labelLength = Math.Min(LabelField, label.Length);
        var descrLength = Math.Min(DescrField, record.Descr.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[48..], (ushort)labelLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header[50..], (ushort)descrLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header[52..], (ushort)record.PublicKey.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[54..], (ushort)record.SealedSecret.Length);
        label.AsSpan(0, labelLength).CopyTo(raw.AsSpan(HeaderSize));
        record.Descr.AsSpan(0, descrLength).CopyTo(raw.AsSpan(HeaderSize + LabelField));
        var at = HeaderSize + LabelField + DescrField;
        record.PublicKey.CopyTo(raw.AsSpan(at));
        record.SealedSecret.CopyTo(raw.AsSpan(at + record.PublicKey.Length));
        var image = new byte[Length(record)];
        raw.AsSpan(0, Math.Min(raw.Length, image.Length)).CopyTo(image);
        return image;
    }
}
