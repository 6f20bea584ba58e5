using System.Runtime.Versioning;
using HemSim.Transport.Links;

namespace HemSim.Transport.Tests.Links;

/// <summary>
/// Opening ports through System.IO.Ports. Real adapters are not needed: a device-created pseudo-terminal is
/// a serial port to the host.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
[SupportedOSPlatform("linux")]
public sealed class SerialPortLinkTests
{
    private readonly TemporaryPorts _ports = new();

    [TestCleanup]
    public void DeleteFolder() => _ports.Dispose();

    [TestMethod]
    public void Opening_a_missing_port_fails_with_IOException()
    {
        FluentActions.Invoking(() => SerialPortLink.Open(_ports.NewPath())).Should().Throw<IOException>();
    }

    [TestMethod]
    public async Task Opening_a_regular_file_fails_with_IOException()
    {
        string path = _ports.NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "not a port");

        FluentActions.Invoking(() => SerialPortLink.Open(path)).Should().Throw<IOException>();
    }

    [TestMethod]
    public async Task A_virtual_port_whose_device_is_gone_is_not_opened()
    {
        // Arrange: a stale symlink that points at a live terminal which is no longer the device's
        await using PtyLink stranger = PtyLink.Create(_ports.NewPath());
        string stale = _ports.NewPath();
        File.CreateSymbolicLink(stale, stranger.TerminalPath);
        await File.WriteAllTextAsync(PortLock.PathOf(stale), "pid=1\n");

        // Act / Assert
        FluentActions.Invoking(() => SerialPortLink.Open(stale)).Should().Throw<IOException>().WithMessage("*no longer running*");
    }

    [TestMethod]
    public async Task A_virtual_port_not_yet_pointing_at_its_devices_terminal_is_not_opened()
    {
        // Arrange: the moment a restarted device holds the lock but the symlink is still the stale one,
        // pointing at a terminal that has meanwhile gone to somebody else
        string path = _ports.NewPath();
        await using PtyLink device = PtyLink.Create(path);
        await using PtyLink stranger = PtyLink.Create(_ports.NewPath());
        string moving = path + ".moving";
        File.CreateSymbolicLink(moving, stranger.TerminalPath);
        File.Move(moving, path, overwrite: true);

        // Act / Assert
        FluentActions.Invoking(() => SerialPortLink.Open(path)).Should().Throw<IOException>().WithMessage("*being published*");
    }

    [TestMethod]
    public async Task Opens_a_device_published_port_at_the_given_baud_rate()
    {
        await using PtyLink device = PtyLink.Create(_ports.NewPath());

        await using SerialPortLink host = SerialPortLink.Open(device.Path, 921_600);

        host.IsPseudoTerminal.Should().BeTrue();
        host.BaudRate.Should().Be(921_600);
    }
}
