using System.IO.Pipelines;
using System.Runtime.Versioning;
using HemSim.Transport.Links;

namespace HemSim.Bench;

/// <summary>Both ends of one link under measurement, paced to <see cref="BaudRate"/> when it is set.</summary>
internal sealed class BenchLink(string name, IDuplexPipe host, IDuplexPipe device, int? baudRate, params IAsyncDisposable[] owned)
    : IAsyncDisposable
{
    public string Name { get; } = name;

    public IDuplexPipe Host { get; } = host;

    public IDuplexPipe Device { get; } = device;

    public int? BaudRate { get; } = baudRate;

    public static BenchLink InMemory()
    {
        (IDuplexPipe host, IDuplexPipe device) = InMemoryLink.CreatePair();
        return new BenchLink("in-memory", host, device, null);
    }

    /// <summary>A device-created pseudo-terminal opened by the host through System.IO.Ports; both ends paced when a baud rate is given.</summary>
    [SupportedOSPlatform("linux")]
    public static BenchLink Pty(string folder, int? baudRate)
    {
        PtyLink device = PtyLink.Create(Path.Combine(folder, $"ttyBench{Guid.NewGuid():N}"));
        SerialPortLink host = SerialPortLink.Open(device.Path, baudRate ?? SerialPortLink.DefaultBaudRate);
        if (baudRate is not int baud)
        {
            return new BenchLink("pty", host, device, null, host, device);
        }
        var pacedHost = new ThrottledLink(host, baud);
        var pacedDevice = new ThrottledLink(device, baud);
        return new BenchLink($"pty @ {baud} baud", pacedHost, pacedDevice, baud, pacedHost, pacedDevice, host, device);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable part in owned)
        {
            await part.DisposeAsync();
        }
    }
}
