using HemSim.Transport.Links;

namespace HemSim.Transport.Tests.Links;

/// <summary>
/// Two System.IO.Ports ends of a socat pseudo-terminal pair: how a device on a real serial port looks to the
/// bridge. Needs socat (<c>.ci/run</c> installs it); without it these tests are inconclusive, not failed.
/// </summary>
/// <remarks>
/// A serial line does not tell one end that the other closed its port; what a host notices is the adapter
/// going away. So here the device side closes by closing its port and stopping socat (the cable).
/// </remarks>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class SocatLinkContractTests : LinkContractTests
{
    private readonly TemporaryPorts _ports = new();

    [TestCleanup]
    public void DeleteFolder() => _ports.Dispose();

    protected override async Task<LinkEnds> OpenAsync()
    {
        SocatPair socat = await SocatPair.StartAsync(_ports.NewPath(), _ports.NewPath());
        SerialPortLink? device = null;
        try
        {
            device = SerialPortLink.Open(socat.DevicePath);
            SerialPortLink host = SerialPortLink.Open(socat.HostPath);
            return new LinkEnds(host, host, device, new Unplug(device, socat), socat);
        }
        catch
        {
            if (device is not null)
            {
                await device.DisposeAsync();
            }
            await socat.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the device's port, then takes the cable away.</summary>
    private sealed class Unplug(SerialPortLink device, SocatPair socat) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await device.DisposeAsync();
            await socat.DisposeAsync();
        }
    }
}
