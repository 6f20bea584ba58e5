using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.Storage;

/// <summary>
/// T1 <c>GET /api/storage/lock</c> (spec §14): hides the token's slot from the host (status <c>-</c>). MSC only
/// (404 on EPA); HTTP allowed; no body. Statuses: 200; 401 no token; 403 scope not <c>storage:disk…</c> or role M
/// (§22 #24), audited FAILED_SCOPE_CHECK; 406 the character after <c>storage:disk</c> is not 0 or 1;
/// 409 fault latched or not initialised.
/// </summary>
internal static class StorageLock
{
    public static readonly EndpointDescriptor Descriptor =
        StorageSlots.Describe("/api/storage/lock", c => StorageSlots.Expose(c, _ => DiskExposure.Hidden));
}
