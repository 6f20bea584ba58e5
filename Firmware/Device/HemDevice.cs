using System.Collections.Concurrent;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Device;

/// <summary>
/// A simulated Encedo HEM. Requests are processed strictly one at a time on the device's own thread,
/// like the real firmware's main loop (ARCHITECTURE.md; swtpm's mainloop): read one request, process it,
/// hand back one response, then carry out what the response announced (reboot) before the next one.
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
        $"HemSim {(_core.Options.Variant == HardwareVariant.Ppa ? "PPA" : "EPA")}{(_core.Options.Diag ? " DIAG" : "")} {FirmwareVersion}";

    /// <summary>True when randomness is reproducible from a seed: such a device is NOT secure.</summary>
    public bool IsDeterministic => _core.Entropy.IsDeterministic;

    /// <summary>Queues one request; completes when the device has processed it.</summary>
    public Task<ApiResponse> ProcessAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(
            core => RequestPipeline.Process(core, request),
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
    private void Reboot()
    {
        try
        {
            _core.Reboot();
        }
#pragma warning disable CA1031 // Any boot failure makes the device unusable; it is reported on every later call.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _bootFailure = ex;
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
