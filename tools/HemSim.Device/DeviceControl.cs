using HemSim.Firmware.Device;
using HemSim.Transport.Control;

namespace HemSim.Device;

/// <summary>
/// Carries out the simulator-only operations that arrive on the control channel (PROTOCOL.md, Control frames)
/// with the device's control methods, following the argument and result conventions of
/// <see cref="ControlOperation"/>. Operations the simulated device has no means for answer Unsupported.
/// </summary>
internal sealed class DeviceControl(HemDevice device)
{
    /// <summary>fls_state bit of a failed entropy health test (spec §20.1).</summary>
    private const int EntropyFaultBit = 0x02;

    public async Task<ControlResult> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Operation)
        {
            case ControlOperation.PowerCycle:
            case ControlOperation.Reset:        // the simulated reset line does what a power cycle does: RAM lost, flash kept
                await device.PowerCycleAsync(cancellationToken).ConfigureAwait(false);
                return ControlResult.Ok();

            case ControlOperation.PowerOn:
                bool booted = await device.PowerOnAsync(cancellationToken).ConfigureAwait(false);
                return ControlResult.Ok(new[] { booted ? (byte)1 : (byte)0 });

            case ControlOperation.InjectEntropyFault:
                await device.InjectFaultAsync(EntropyFaultBit, cancellationToken).ConfigureAwait(false);
                return ControlResult.Ok();

            case ControlOperation.InjectFault:
                if (request.Argument.Length != 1 || request.Argument.Span[0] == 0)
                {
                    return ControlResult.InvalidArgument("InjectFault takes one non-zero byte: the fls_state bits to latch.");
                }
                await device.InjectFaultAsync(request.Argument.Span[0], cancellationToken).ConfigureAwait(false);
                return ControlResult.Ok();

            case ControlOperation.GetFaultState:
                int faults = await device.GetFaultStateAsync(cancellationToken).ConfigureAwait(false);
                return ControlResult.Ok(new[] { (byte)faults });

            case ControlOperation.Snapshot:
                byte[] image = await device.SnapshotFlashAsync(cancellationToken).ConfigureAwait(false);
                return ControlResult.Ok(image);

            case ControlOperation.GetTlsIdentity:
                return await TlsIdentityTransfer.HandleAsync(device, request, cancellationToken).ConfigureAwait(false);

            case ControlOperation.GetDashboard:     // a tag of the wrong size throws ArgumentException: InvalidArgument
                return ControlResult.Ok(await device.ExportDashboardAsync(request.Argument, cancellationToken).ConfigureAwait(false));

            default:
                return ControlResult.Unsupported($"The HemSim device launcher does not offer {request.Operation}.");
        }
    }
}
