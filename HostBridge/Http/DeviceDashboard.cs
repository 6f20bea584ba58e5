using HemSim.Firmware.Device;
using HemSim.Transport;
using HemSim.Transport.Control;
using HemSim.Transport.Session;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace HemSim.HostBridge.Http;

/// <summary>
/// The dashboard installed on the device with <c>install_ui</c> (spec §11.12–§11.14, issue #7), for <c>GET</c> and
/// <c>HEAD</c> on paths outside <c>/api</c> when the bridge runs without <c>--static</c>: the real device's web server
/// serves it there, and the simulated device's web server is this bridge.
/// </summary>
/// <remarks>
/// <para>The archive lives in the device's flash. Each such request first asks the device over the control channel
/// (<see cref="ControlOperation.GetDashboard"/>, PROTOCOL.md §6.5) whether the archive held here is still current —
/// its 32-byte tag, answered with nothing when unchanged — and only a changed archive crosses the link, to be unpacked
/// in memory (<see cref="DashboardArchive"/>). Requests that arrive while an ask is in flight share it, so a page
/// load's burst costs about one round trip, and no second ask starts while one runs. A request waits for the ask at
/// most 2 s and is then served from the archive held; the ask itself is never cancelled: over a slow serial link a
/// 15 MB archive takes minutes, and a transfer restarted by every page request would never arrive. It finishes in the
/// background and its archive replaces the held one when it is complete. A device that cannot answer (no control
/// channel, away, shut down, without the operation) leaves the bridge serving the archive it holds, none at first.</para>
/// <para>Files are served exactly like <c>--static</c> (<see cref="StaticFolder"/>): <c>/</c> and folders ending in
/// <c>/</c> serve their <c>index.html</c>, a folder without the slash is redirected, there is no listing, only known
/// content types are served, <c>Content-Length</c> always. Everything else — <c>/api</c> and below always, a path
/// with no file, other methods — goes on to the device, which answers 404 for paths it does not know.</para>
/// </remarks>
internal sealed class DeviceDashboard : IFileProvider
{
    /// <summary>How long a request waits for the device before the archive held already is served.</summary>
    private static readonly TimeSpan s_askWait = TimeSpan.FromSeconds(2);

    private readonly IDeviceControl _device;
    private readonly TimeProvider _time;
    private readonly TimeSpan _askWait;
    private readonly Lock _lock = new();
    private Task _asking = Task.CompletedTask;          // the ask in flight, or the last one
    private byte[] _tag = [];                           // of _archive; empty until the device has answered once
    private DashboardArchive _archive = DashboardArchive.Empty;
    private DateTimeOffset _received = DateTimeOffset.MinValue;

    /// <param name="askWait">How long a request waits for an ask; 2 s unless a test says otherwise.</param>
    internal DeviceDashboard(IDeviceControl device, TimeProvider time, TimeSpan? askWait = null)
    {
        _device = device;
        _time = time;
        _askWait = askWait ?? s_askWait;
    }

    /// <summary>Adds the device's dashboard to <paramref name="app"/>'s pipeline; requests it cannot serve carry on.</summary>
    /// <param name="control">The device's control channel; null when there is none, and then nothing is served.</param>
    public static void Use(IApplicationBuilder app, IDeviceControl? control)
    {
        if (control is null)
        {
            return;
        }
        var dashboard = new DeviceDashboard(control, TimeProvider.System);
        app.UseWhen(StaticFolder.IsForFolder, branch =>
        {
            // Asked per request, not polled: install_ui tells the host nothing, and a poll would either lag behind an
            // install or cost round trips while nobody looks; an unchanged archive costs one empty answer.
            branch.Use(dashboard.RefreshAsync);
            branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = dashboard, DefaultFileNames = ["index.html"] });
            branch.UseStaticFiles(new StaticFileOptions { FileProvider = dashboard, ServeUnknownFileTypes = false });
        });
    }

    public IFileInfo GetFileInfo(string subpath) => Volatile.Read(ref _archive).GetFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => Volatile.Read(ref _archive).GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private async Task RefreshAsync(HttpContext context, RequestDelegate next)
    {
        await WaitForAskAsync(context.RequestAborted);
        await next(context);
    }

    /// <summary>
    /// Waits at most the ask wait for the ask in flight (or a new one). A slower ask goes on: the request is served
    /// from the archive held, and the ask's archive serves the requests after it completes.
    /// </summary>
    internal async Task WaitForAskAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Shared by the requests that joined it: one client leaving or giving up does not cancel it for the others.
            await AskAsync().WaitAsync(_askWait, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still transferring: serve what we have.
        }
    }

    /// <summary>The ask in flight, which a request arriving now joins, or else a new one. Asks never overlap.</summary>
    internal Task AskAsync()
    {
        lock (_lock)
        {
            if (_asking.IsCompleted)
            {
                _asking = AskDeviceAsync();
            }
            return _asking;
        }
    }

    /// <summary>
    /// One ask; replaces the archive when the device has another. Not cancellable: the session's retransmission rules
    /// end it when the device stops making progress (<see cref="DeviceTimeoutException"/>), however long a transfer that
    /// progresses takes.
    /// </summary>
    private async Task AskDeviceAsync()
    {
        ControlResult result;
        try
        {
            result = await _device.ControlAsync(ControlOperation.GetDashboard, _tag, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is LinkClosedException or TransportProtocolException or DeviceTimeoutException
            or DeviceSwitchedOffException)
        {
            return;     // away or shut down
        }
        if (result.Status != ControlStatus.Ok || result.Data.Length < HemDevice.DashboardTagSize)
        {
            return;     // unchanged (empty), or a device without the operation
        }
        ReadOnlyMemory<byte> tar = result.Data[HemDevice.DashboardTagSize..];
        Volatile.Write(ref _archive, tar.IsEmpty ? DashboardArchive.Empty : DashboardArchive.Unpack(tar, NextLastModified()));
        _tag = result.Data[..HemDevice.DashboardTagSize].ToArray();
    }

    /// <summary>
    /// Now to the second (HTTP dates have no fractions), but always later than the archive before, so that a file
    /// of a new archive never gets the ETag its old version had (the middleware derives it from time and length).
    /// </summary>
    private DateTimeOffset NextLastModified()
    {
        DateTimeOffset now = _time.GetUtcNow();
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        _received = now > _received ? now : _received.AddSeconds(1);
        return _received;
    }
}
