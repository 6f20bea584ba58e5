using HemSim.Firmware.Api.KeyMgmt;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Diag;

/// <summary>
/// G9 <c>GET /api/diag/memdump/{address}/{length}</c> (spec §16): <c>length</c> bytes of a virtual address space from
/// <c>address</c>. SIM: every key record of the flash (valid, deleted or corrupted) lies at its <c>_addr</c> as the
/// image of <see cref="KeyRecordLayout.Image"/>; all other bytes read 0 (no address validation, as on the device).
/// The image is read from flash, so a delete (state byte, sealed secret zeroed except its first byte) and a
/// <c>corrupt_repo</c> (zeroed bytes 4–7) show. 200 <c>{"address","length","dump"}</c>; 400 when either argument is
/// not decimal digits, <c>address</c> is 0 or <c>length</c> is outside 1–4095; 404 on a production build.
/// </summary>
internal static class DiagMemdump
{
    public const int MaxLength = 4095;

    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/diag/memdump/{address}/{length}", Access.Public, DiagEndpoint.Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (!KeyListing.TryParseDecimal(context.PathParameters[0], out var address) || address < 1
            || !KeyListing.TryParseDecimal(context.PathParameters[1], out var length) || length is < 1 or > MaxLength)
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var dump = Read(context.Device, address, length);
        var text = Base64Text.Encode(dump);
        return Reply.Json(w =>
        {
            w.WriteNumber("address", address);
            w.WriteNumber("length", length);
            w.WriteString("dump", text);
        });
    }

    /// <summary>The bytes of the virtual address space in [<paramref name="address"/>, +<paramref name="length"/>).</summary>
    public static byte[] Read(Device.DeviceCore device, long address, int length)
    {
        var dump = new byte[length];
        var end = address + length;
        foreach (var record in device.Flash.ReadSlots())
        {
            if (record.Slot >= device.Keys.Capacity)
            {
                continue;   // beyond this chip's slots: the key store ignores it too
            }
            long start = KeyRecordLayout.Address(record);
            if (start >= end || start + KeyRecordLayout.Length(record) <= address)
            {
                continue;
            }
            var image = KeyRecordLayout.Image(record);
            var from = Math.Max(start, address);
            var to = Math.Min(start + image.Length, end);
            image.AsSpan((int)(from - start), (int)(to - from)).CopyTo(dump.AsSpan((int)(from - address)));
        }
        return dump;
    }
}
