namespace HemSim.Firmware.Api.Storage;

/// <summary>How one SD-card slot is exposed to the USB host (spec §14); per boot, never persisted.</summary>
internal enum DiskExposure
{
    /// <summary>Hidden from the host (ejected); status <c>-</c>.</summary>
    Hidden = 0,
    /// <summary>Exposed read-only; status <c>ro</c>.</summary>
    ReadOnly = 1,
    /// <summary>Exposed read-write; status <c>rw</c>.</summary>
    ReadWrite = 2,
}
