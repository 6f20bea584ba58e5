using System.Runtime.Versioning;
using HemSim.Transport.Links;

namespace HemSim.Transport.Tests.Links;

/// <summary>The virtual serial port: a pseudo-terminal the device creates, opened by the host through System.IO.Ports.</summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
[SupportedOSPlatform("linux")]
public sealed class PtyLinkContractTests : LinkContractTests
{
    private readonly TemporaryPorts _ports = new();

    [TestCleanup]
    public void DeleteFolder() => _ports.Dispose();

    protected override async Task<LinkEnds> OpenAsync()
    {
        PtyLink device = PtyLink.Create(_ports.NewPath());
        try
        {
            SerialPortLink host = SerialPortLink.Open(device.Path);
            return new LinkEnds(host, host, device, device);
        }
        catch
        {
            await device.DisposeAsync();
            throw;
        }
    }
}
