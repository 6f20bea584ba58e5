using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.Storage;

/// <summary>
/// T2–T4 <c>GET /api/storage/unlock[/rw|/ro]</c> (spec §14): exposes the token's slot to the host. MSC only (404 on
/// EPA); HTTP allowed; no body. Statuses: 200; 401 no token; 403 scope not <c>storage:disk…</c> or role M (§22 #24),
/// audited FAILED_SCOPE_CHECK; 406 the character after <c>storage:disk</c> is not 0 or 1, or (T3 only) the scope
/// does not end in <c>:rw</c>; 409 fault latched or not initialised.
/// </summary>
internal static class StorageUnlock
{
    /// <summary>T2: read-write when the scope ends in <c>:rw</c>, otherwise read-only.</summary>
    public static readonly EndpointDescriptor Descriptor = StorageSlots.Describe("/api/storage/unlock",
        c => StorageSlots.Expose(c, s => StorageSlots.GrantsWrite(s) ? DiskExposure.ReadWrite : DiskExposure.ReadOnly));

    /// <summary>T3: read-write; the scope must end in <c>:rw</c> (else 406).</summary>
    public static readonly EndpointDescriptor ReadWrite = StorageSlots.Describe("/api/storage/unlock/rw",
        c => StorageSlots.Expose(c, s => StorageSlots.GrantsWrite(s) ? DiskExposure.ReadWrite : null));

    /// <summary>T4: read-only, whatever the scope's suffix.</summary>
    public static readonly EndpointDescriptor ReadOnly = StorageSlots.Describe("/api/storage/unlock/ro",
        c => StorageSlots.Expose(c, _ => DiskExposure.ReadOnly));
}
