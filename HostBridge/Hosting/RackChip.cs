using HemSim.Transport;
using HemSim.Transport.Control;

namespace HemSim.HostBridge.Hosting;

/// <summary>One chip the bridge serves: its request channel, and its control channel (TLS identity, power) if any.</summary>
/// <param name="Channel">Where the chip's requests go.</param>
/// <param name="Control">The chip's control channel; null when there is none (the HTTPS certificate is then the bridge's own).</param>
internal sealed record RackChip(IDeviceChannel Channel, IDeviceControl? Control);
