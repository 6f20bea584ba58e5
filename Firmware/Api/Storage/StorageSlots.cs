using HemSim.Firmware.Auth;
using HemSim.Firmware.Config;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Storage;

/// <summary>
/// The two SD-card slots of an MSC build (spec §14): disk0 (regular, "ENCEDO") and disk1 (secure, "ENCEDO SAFE").
/// The slot and the rw flag come from the token's scope, never from the URL.
/// </summary>
internal static class StorageSlots
{
    /// <summary>The scope prefix every storage endpoint requires (else 403).</summary>
    public const string ScopePrefix = "storage:disk";

    public const int Count = 2;

    /// <summary>
    /// The slot named by the character right after <see cref="ScopePrefix"/>; false when it is not <c>0</c> or
    /// <c>1</c> (the handlers answer 406). Characters after the digit are not checked, as the firmware reads one.
    /// </summary>
    public static bool TryGetSlot(string scope, out int slot)
    {
        slot = -1;
        if (scope.Length <= ScopePrefix.Length)
        {
            return false;
        }
        slot = scope[ScopePrefix.Length] - '0';
        return slot is >= 0 and < Count;
    }

    /// <summary>True when the scope ends in <c>:rw</c> (spec §14: read-write unlock).</summary>
    public static bool GrantsWrite(string scope) => scope.EndsWith(":rw", StringComparison.Ordinal);

    /// <summary>
    /// The current exposure of <paramref name="slot"/>: what lock/unlock set this boot, otherwise the boot
    /// default (disk0 from the low nibble of <c>storage_mode</c>, spec §7.2 INFERRED; disk1 hidden).
    /// </summary>
    public static DiskExposure Current(BootState boot, DeviceConfig? config, int slot) =>
        boot.StorageExposure[slot] ?? (slot == 0 && config is not null ? Disk0Default(config.StorageMode) : DiskExposure.Hidden);

    /// <summary>The mode text of <c>status.storage</c>: <c>rw</c>, <c>ro</c> or <c>-</c>.</summary>
    public static string StatusText(DiskExposure exposure) => exposure switch
    {
        DiskExposure.ReadWrite => "rw",
        DiskExposure.ReadOnly => "ro",
        _ => "-",
    };

    /// <summary>Sets the exposure of the token's slot, or answers 406 when the scope names no valid slot.</summary>
    public static Reply Expose(RequestContext context, Func<string, DiskExposure?> exposureFor)
    {
        var scope = context.Token!.Scope;
        if (!TryGetSlot(scope, out var slot) || exposureFor(scope) is not { } exposure)
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        context.Device.Boot.StorageExposure[slot] = exposure;
        return Reply.Of(ApiStatus.Ok);
    }

    /// <summary>Descriptor shared by T1–T4 (spec §2): GET, roles U and X (§22 #24: M → 403), HTTP allowed, MSC only.</summary>
    public static EndpointDescriptor Describe(string path, Func<RequestContext, Reply> handler) => new(
        "GET", path, Access.Scoped(Role.User | Role.External, ScopePrefix),
        EndpointFlags.MscOnly | EndpointFlags.RequiresInitialised, handler);

    private static DiskExposure Disk0Default(long storageMode) => (storageMode & 0x0F) switch
    {
        0 => DiskExposure.Hidden,
        3 => DiskExposure.ReadWrite,
        _ => DiskExposure.ReadOnly,
    };
}
