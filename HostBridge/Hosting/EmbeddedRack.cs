using HemSim.Firmware.Device;
using HemSim.HostBridge.Forwarding;
using HemSim.HostBridge.Hosting.Certificates;
using HemSim.Transport;
using HemSim.Transport.Control;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// The bridge's own devices: one, or the N chips of an EPA rack (<see cref="RackLayout"/>), each booted from its own
/// options and linked through its own embedded transport. Nothing is shared between chips but the process: a chip
/// that is shut down answers 503 alone, through its own power switch (<see cref="PoweredDeviceChannel"/>), while the
/// others serve on. Disposing stops every link, then every device.
/// </summary>
internal sealed class EmbeddedRack : IAsyncDisposable
{
    private readonly List<(HemDevice Device, IDeviceChannel Link)> _chips = [];
    private readonly List<RackChip> _served = [];

    private EmbeddedRack()
    {
    }

    /// <summary>What the bridge serves: chip i at index i − 1.</summary>
    public IReadOnlyList<RackChip> Chips => _served;

    /// <summary>The device of chip <paramref name="chip"/> (1-based).</summary>
    public HemDevice Device(int chip) => _chips[chip - 1].Device;

    /// <summary>Boots <paramref name="chips"/> devices made with <paramref name="options"/> (<see cref="RackLayout.ChipOptions"/>).</summary>
    /// <param name="domain">The rack's domain (<c>--hostname</c>): chip i's factory hostname is <c>c&lt;i&gt;.&lt;domain&gt;</c>.</param>
    public static async Task<EmbeddedRack> StartAsync(HemDeviceOptions options, int chips, string domain, CancellationToken cancellationToken)
    {
        var rack = new EmbeddedRack();
        try
        {
            for (int chip = 1; chip <= chips; chip++)
            {
                await rack.AddAsync(RackLayout.ChipOptions(options, chip, chips, domain), cancellationToken);
            }
            return rack;
        }
        catch
        {
            await rack.DisposeAsync();
            throw;
        }
    }

    private async Task AddAsync(HemDeviceOptions options, CancellationToken cancellationToken)
    {
        if (options.DataDirectory is { } folder)
        {
            PrivateFile.EnsureFolder(folder);   // the chip's flash and secret: owner-only from the start
        }
        HemDevice device = HemDevice.Boot(options);
        IDeviceChannel link;
        try
        {
            // The embedded device's control channel offers its TLS identity, which the HTTPS listener serves, and the
            // dashboard installed with install_ui, which the bridge serves outside /api (PROTOCOL.md §6.5).
            var deviceSession = DeviceSessionOptions.Default with
            {
                ControlHandler = async (request, ct) => request.Operation == ControlOperation.GetDashboard
                    ? ControlResult.Ok(await device.ExportDashboardAsync(request.Argument, ct))
                    : await TlsIdentityTransfer.HandleAsync(device, request, ct),
            };
            link = await EmbeddedDevice.StartAsync(device.ProcessAsync, device.Identity, deviceSession, hostOptions: null, cancellationToken);
        }
        catch
        {
            await device.DisposeAsync();
            throw;
        }
        _chips.Add((device, link));
        // A shut-down device answers nothing: 503 until it powers on again (spec §11.17), as for a serial device away.
        _served.Add(new RackChip(new PoweredDeviceChannel(link, () => device.IsPoweredOn), (IDeviceControl)link));
    }

    public async ValueTask DisposeAsync()
    {
        foreach ((HemDevice device, IDeviceChannel link) in Enumerable.Reverse(_chips))
        {
            await link.DisposeAsync();
            await device.DisposeAsync();
        }
        _chips.Clear();
        _served.Clear();
    }
}
