using System.Collections.Concurrent;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Device;

/// <summary>
/// A simulated Encedo HEM. Requests are processed strictly one at a time on the device's own thread,
/// like the real firmware's main loop (ARCHITECTURE.md; swtpm's mainloop): read one request, process it,
/// hand back one response, then carry out what the response announced (reboot, shutdown) before the next one.
/// Simulator-only control operations (power cycle, fault injection, snapshot) run on the same thread,
/// between requests, so they never see a request half done.
/// </summary>
public sealed partial class HemDevice : IAsyncDisposable, IDisposable
{
    /// <summary>Firmware version this simulator implements; the <c>-sim</c> suffix says it is not hardware.</summary>
    public const string FirmwareVersion = "1.2.2-sim";

    private readonly DeviceCore _core;
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;
    private Exception? _bootFailure;
    private volatile bool _poweredOn = true;   // mirrors DeviceCore.IsPoweredOn for other threads
    private int _shutdowns;                    // shutdowns so far (device thread); tags each automatic power-on
    private Timer? _powerOnTimer;              // pending automatic power-on, or null

    private HemDevice(DeviceCore core)
    {
        _core = core;
        _thread = new Thread(MainLoop) { IsBackground = true, Name = "HEM device" };
        _thread.Start();
    }

    /// <summary>Powers on a device with <paramref name="options"/>: factory-new on an empty data folder.</summary>
    public static HemDevice Boot(HemDeviceOptions options) => new(DeviceCore.Create(options));

    /// <summary>Describes the device on the link: variant, build and firmware version.</summary>
    public string Identity =>
        $"HemSim {(_core.Options.Variant == HardwareVariant.Ppa ? "PPA" : "EPA")}{(_core.IsDiagBuild ? " DIAG" : "")} {FirmwareVersion}";

    /// <summary>True when randomness is reproducible from a seed: such a device is NOT secure.</summary>
    public bool IsDeterministic => _core.Entropy.IsDeterministic;

    /// <summary>
    /// False while the device is shut down (spec §11.17): from a <c>GET /api/system/shutdown</c> reply until a
    /// power-on. A host may read it to answer "unavailable" at once, as for an unplugged device.
    /// </summary>
    public bool IsPoweredOn => _poweredOn;

    /// <summary>Queues one request; completes when the device has processed it.</summary>
    /// <exception cref="DevicePoweredOffException">The device is shut down: nothing was carried out.</exception>
    public Task<ApiResponse> ProcessAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(
            core =>
            {
                if (!core.IsPoweredOn)
                {
                    throw new DevicePoweredOffException();
                }
                var response = RequestPipeline.Process(core, request);
                if (response.Flags.HasFlag(ResponseFlags.ShutdownAfterReply))
                {
                    // The reply is complete (its SHUTDOWN line written); the device stops before anything else runs,
                    // so no request queued behind this one is served.
                    ShutDown();
                }
                return response;
            },
            afterReply: response => response.Flags.HasFlag(ResponseFlags.RebootAfterReply),
            cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on the device thread; then reboots when <paramref name="afterReply"/> says so.</summary>
    private Task<T> RunAsync<T>(Func<DeviceCore, T> work, Func<T, bool>? afterReply, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Item()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
                return;
            }
            if (_bootFailure is not null)
            {
                completion.TrySetException(new InvalidOperationException("The device failed to boot and must be restarted.", _bootFailure));
                return;
            }
            T result;
            try
            {
                result = work(_core);
            }
#pragma warning disable CA1031 // Control operations report their failure to the caller instead of killing the device.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                completion.TrySetException(ex);
                return;
            }
            completion.TrySetResult(result);
            if (afterReply?.Invoke(result) == true)
            {
                Reboot();
            }
        }
        try
        {
            _queue.Add(Item, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(HemDevice));
        }
        return completion.Task;
    }

    /// <summary>
    /// Reboots after a reply. A boot that fails (flash unreadable, power-on self-test of the DRBG failing
    /// to construct) leaves a device that cannot serve: every later operation fails with the cause, until the
    /// simulator is restarted, as a bricked board needs a power cycle.
    /// </summary>
    private void Reboot() => RunBoot(_core.Reboot);

    /// <summary>Powers a shut-down device on (device thread); a boot failure is handled as in <see cref="Reboot"/>.</summary>
    private void PowerUp() => RunBoot(_core.PowerUp);

    private void RunBoot(Action boot)
    {
        try
        {
            boot();
        }
#pragma warning disable CA1031 // Any boot failure makes the device unusable; it is reported on every later call.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _bootFailure = ex;
        }
        _poweredOn = _core.IsPoweredOn;
    }

    /// <summary>
    /// Stops the device (device thread) and arms the automatic power-on: after <see cref="HemDeviceOptions.UsbModeTime"/>
    /// when the reply was <c>usbmode</c>'s (spec §11.15: offline, then a normal boot), else after
    /// <see cref="HemDeviceOptions.PowerOnDelay"/> unless that is null. Each shutdown tags its power-on, so a timer left
    /// over from an earlier shutdown (the device was powered on by hand and shut down again meanwhile) never powers on early.
    /// </summary>
    private void ShutDown()
    {
        var powerOnDelay = _core.Boot.UsbModeRequested ? _core.Options.UsbModeTime : _core.Options.PowerOnDelay;
        _core.ShutDown();
        _poweredOn = false;
        var shutdown = ++_shutdowns;
        if (powerOnDelay is { } delay)
        {
            var timer = new Timer(_ => QueueAutomaticPowerOn(shutdown), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Interlocked.Exchange(ref _powerOnTimer, timer)?.Dispose();
            // A Timer takes at most 2^32 - 2 ms (about 49 days); longer is as good as "never" for a rig.
            timer.Change(TimeSpan.FromMilliseconds(Math.Clamp(delay.TotalMilliseconds, 0, uint.MaxValue - 1.0)), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Timer thread: queues the power-on of shutdown number <paramref name="shutdown"/>; nothing once disposed.</summary>
    private void QueueAutomaticPowerOn(int shutdown)
    {
        try
        {
            _queue.Add(() =>
            {
                if (shutdown == _shutdowns && !_core.IsPoweredOn && _bootFailure is null)
                {
                    PowerUp();
                }
            });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The device is being disposed: it stays off.
        }
    }

    private void MainLoop()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            item();
        }
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
            _thread.Join();
            // After the join: a shutdown still queued at disposal has armed its timer by now.
            Interlocked.Exchange(ref _powerOnTimer, null)?.Dispose();
            _core.Dispose();
            _queue.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
