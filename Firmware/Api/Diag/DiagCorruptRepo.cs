using HemSim.Firmware.Api.KeyMgmt;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Diag;

/// <summary>
/// G8 <c>GET /api/diag/corrupt_repo/{address}</c> (spec §16). <c>address</c>: decimal digits only, the <c>_addr</c> of
/// a valid key record holding a sealed secret (§22 #35: "bytes 4–7 of the record" are zeroed; in the simulated
/// layout those are the record's seal word, see <see cref="KeyRecordLayout"/>). The record is rewritten in flash with
/// bytes 4–7 of its sealed secret zeroed and taken out of use at once: list, search, get and use skip it, and every
/// self-test from now on (also after reboot) reports bit 0x08 and logs <c>KEY_INTEGRITY_ERROR / FAILED</c>.
/// 200 <c>{"address","status":1}</c>; 400 non-decimal, misaligned, outside the key-store region, or not the address
/// of a valid record with a sealed secret (SIM: public-only records have nothing the integrity check reads);
/// 404 on a production build.
/// </summary>
internal static class DiagCorruptRepo
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/diag/corrupt_repo/{address}", Access.Public, DiagEndpoint.Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        if (!KeyListing.TryParseDecimal(context.PathParameters[0], out var address)
            || address % KeyRecordLayout.Alignment != 0
            || KeyRecordLayout.SlotAt(address, device.Keys.Capacity) is var slot && slot < 0)
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var record = device.Keys.Valid.FirstOrDefault(r => r.Slot == slot);
        const int end = KeyRecordLayout.SealWordOffset + KeyRecordLayout.SealWordSize;
        if (record is null || record.SealedSecret.Length < end)
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var sealedCopy = (byte[])record.SealedSecret.Clone();
        sealedCopy.AsSpan(KeyRecordLayout.SealWordOffset, KeyRecordLayout.SealWordSize).Clear();
        device.Flash.WriteSlot(record with { SealedSecret = sealedCopy });
        device.Keys.MarkInvalid(slot);
        return Reply.Json(w =>
        {
            w.WriteNumber("address", address);
            w.WriteNumber("status", 1);
        });
    }
}
