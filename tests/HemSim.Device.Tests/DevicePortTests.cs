using System.Runtime.Versioning;
using HemSim.TestKit;
using HemSim.Transport.Links;

namespace HemSim.Device.Tests;

/// <summary>Which port the launcher opens: an existing serial device, or a virtual one it publishes.</summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
[SupportedOSPlatform("linux")]
public sealed class DevicePortTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    public void Nothing_at_the_path_means_a_new_virtual_port()
    {
        DevicePort.IsExistingSerialPort(_folder.Combine("ttyHEM0")).Should().BeFalse();
    }

    [TestMethod]
    public void A_missing_device_under_dev_is_refused_instead_of_published()
    {
        var act = () => DevicePort.Open("/dev/ttyHemSimMissing0", null);

        act.Should().Throw<IOException>().WithMessage("no such serial port*");
        File.Exists("/dev/ttyHemSimMissing0").Should().BeFalse();
    }

    [TestMethod]
    public async Task A_terminal_nobody_published_is_opened_as_a_serial_port()
    {
        // A pseudo-terminal seen by its /dev/pts path and through a plain symlink (as socat's link= makes)
        await using PtyLink cable = PtyLink.Create(_folder.Combine("cable"));
        string socatStyle = _folder.Combine("socat-end");
        File.CreateSymbolicLink(socatStyle, cable.TerminalPath);

        DevicePort.IsExistingSerialPort(cable.TerminalPath).Should().BeTrue();
        DevicePort.IsExistingSerialPort(socatStyle).Should().BeTrue();
    }

    [TestMethod]
    public async Task A_stale_symlink_of_a_killed_device_is_published_again()
    {
        // Arrange: its terminal number may already belong to someone else
        await using PtyLink stranger = PtyLink.Create(_folder.Combine("stranger"));
        string port = _folder.Combine("ttyHEM0");
        File.CreateSymbolicLink(port, stranger.TerminalPath);
        await File.WriteAllTextAsync(PortLock.PathOf(port), "pid=1\n");

        // Act
        await using DevicePort opened = DevicePort.Open(port, null);

        // Assert
        opened.Description.Should().StartWith("virtual port");
        new FileInfo(port).LinkTarget.Should().NotBe(stranger.TerminalPath);
    }

    [TestMethod]
    public async Task A_port_another_device_serves_is_refused()
    {
        string port = _folder.Combine("ttyHEM0");
        await using PtyLink owner = PtyLink.Create(port);

        FluentActions.Invoking(() => DevicePort.IsExistingSerialPort(port)).Should().Throw<IOException>().WithMessage("*in use*");
    }

    [TestMethod]
    public async Task Baud_rate_paces_a_virtual_port()
    {
        await using DevicePort port = DevicePort.Open(_folder.Combine("ttyHEM0"), 9600);

        port.Link.Should().BeOfType<ThrottledLink>().Which.BaudRate.Should().Be(9600);
    }
}
