using System.Runtime.Versioning;
using HemSim.Transport.Links;

namespace HemSim.Transport.Tests.Links;

[TestClass]
[OSCondition(OperatingSystems.Linux)]
[SupportedOSPlatform("linux")]
public sealed class PortLockTests
{
    private readonly TemporaryPorts _ports = new();

    [TestCleanup]
    public void DeleteFolder() => _ports.Dispose();

    [TestMethod]
    public void Path_without_a_lock_file_is_not_a_published_port()
    {
        PortLock.Probe(_ports.NewPath()).Should().Be(PortLockState.None);
    }

    [TestMethod]
    public async Task Lock_is_held_while_the_device_runs_and_gone_after()
    {
        string path = _ports.NewPath();
        PtyLink link = PtyLink.Create(path);

        PortLockState running = PortLock.Probe(path);
        await link.DisposeAsync();

        running.Should().Be(PortLockState.Held);
        PortLock.Probe(path).Should().Be(PortLockState.None);
    }

    [TestMethod]
    public async Task Lock_file_that_nobody_holds_is_abandoned()
    {
        string path = _ports.NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(PortLock.PathOf(path), "pid=1\n");

        PortLock.Probe(path).Should().Be(PortLockState.Abandoned);
    }
}
