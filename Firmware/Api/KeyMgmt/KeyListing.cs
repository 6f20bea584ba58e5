using System.Text.Json;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>
/// The list envelope (spec §12.2) and key object (§12.1) shared by <c>keymgmt/list</c> and
/// <c>keymgmt/search</c>.
/// </summary>
/// <remarks>
/// <para><c>total</c> is the number of valid records in the repository (§12.2, §22 #2), never the
/// number of search matches. <c>deleted</c> is the number of "deleted/invalid records met during the scan"
/// (§12.2, §22 #37): the scan that counts <c>total</c> visits every slot, so it meets every deleted record and
/// every record taken out of use by the integrity check (DIAG <c>corrupt_repo</c>, §16 G8, or a self-test,
/// <see cref="KeyStore.MarkInvalid"/>). So <c>deleted</c> = <c>repo_stats.deleted</c> + <c>repo_stats.invalid</c>
/// (§11.16), whatever the page, and an invalid record is never in <c>total</c>: it is not valid, and counting it
/// would make a §12.3 walk (<c>offset</c> up to <c>total</c>) wait for a key it can never list.</para>
/// <para>Paging: a page is the valid (or matching) records in slot order, after skipping <c>offset</c> of
/// them. A walk with <c>offset += listed</c> therefore lists every valid key exactly once, in slot order,
/// however many deleted records lie between them. Keys deleted <em>during</em> a walk: deleting a key not
/// yet listed leaves every other key listed exactly once; deleting a key already listed moves each later
/// key one position down, because <c>offset</c> counts valid records (§12.3), so the walk never lists a key
/// twice but passes over one key per such deletion. A client that deletes as it pages must subtract the
/// keys it deleted from its offset.</para>
/// </remarks>
internal static class KeyListing
{
    /// <summary>Largest page (spec §12.3, §12.4): larger counts and limits are clamped to it.</summary>
    public const int MaxPageSize = 15;

    /// <summary>
    /// Reads a path number: decimal digits only, nothing else (spec §12.3: no sign, no space, no point).
    /// Values beyond <see cref="int.MaxValue"/> saturate: such an offset is past every record and such a
    /// count is clamped anyway.
    /// </summary>
    public static bool TryParseDecimal(string text, out int value)
    {
        value = 0;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }
        long parsed = 0;
        foreach (var c in text)
        {
            parsed = Math.Min((parsed * 10) + (c - '0'), int.MaxValue);
        }
        value = (int)parsed;
        return true;
    }

    /// <summary>The page of <paramref name="records"/> (already in slot order) after skipping <paramref name="offset"/>.</summary>
    public static IReadOnlyList<KeySlotRecord> Page(IEnumerable<KeySlotRecord> records, long offset, long count) =>
        records.Skip((int)Math.Min(offset, int.MaxValue)).Take((int)Math.Clamp(count, 0, MaxPageSize)).ToList();

    /// <summary>
    /// 200 with <c>{"offset","deleted","total","listed","list"}</c>; <paramref name="offset"/> is echoed.
    /// </summary>
    public static Reply Envelope(DeviceCore device, long offset, IReadOnlyList<KeySlotRecord> page)
    {
        var keys = device.Keys;
        var diag = device.IsDiagBuild; // also a DIAG image installed with install_fw
        return Reply.Json(w =>
        {
            w.WriteNumber("offset", offset);
            w.WriteNumber("deleted", keys.Deleted + InvalidRecords(keys));
            w.WriteNumber("total", keys.Total);
            w.WriteNumber("listed", page.Count);
            w.WriteStartArray("list");
            foreach (var record in page)
            {
                WriteKey(w, record, diag);
            }
            w.WriteEndArray();
        });
    }

    /// <summary>
    /// Slots holding a record in use that failed the integrity check: every slot that is neither free, deleted nor
    /// valid (<see cref="KeyStore.Total"/> counts valid records only).
    /// </summary>
    private static int InvalidRecords(KeyStore keys) => keys.Capacity - keys.Free - keys.Deleted - keys.Total;

    /// <summary>
    /// One key object (§12.1): kid, created, type (attribute string, §17.2), label, descr (standard b64,
    /// only when non-empty), updated; on DIAG builds also <c>_addr</c> and <c>_len</c> (§22 #34).
    /// </summary>
    private static void WriteKey(Utf8JsonWriter w, KeySlotRecord record, bool diag)
    {
        w.WriteStartObject();
        w.WriteString("kid", Convert.ToHexStringLower(record.Kid));
        w.WriteNumber("created", record.Created);
        w.WriteString("type", KeyAttributes.Format((KeyFlags)record.Flags, (KeyType)record.KeyType));
        w.WriteString("label", record.Label);
        if (record.Descr.Length > 0)
        {
            w.WriteString("descr", Base64Text.Encode(record.Descr));
        }
        w.WriteNumber("updated", record.Updated);
        if (diag)
        {
            w.WriteNumber("_addr", KeyRecordLayout.Address(record));
            w.WriteNumber("_len", KeyRecordLayout.Length(record));
        }
        w.WriteEndObject();
    }
}
