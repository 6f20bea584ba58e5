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
    public void Device_takes_a_lock_that_a_host_is_probing_at_that_moment()
    {
        // Arrange: a host's probe holds the lock file for a moment, as PortLock.Probe does.
        string path = _ports.NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var probe = new FileStream(PortLock.PathOf(path), FileMode.OpenOrCreate, FileAccess.Read, FileShare.None);
        var release = new Thread(() => { Thread.Sleep(20); probe.Dispose(); });
        release.Start();

        // Act
        using FileStream held = PortLock.Acquire(path, "/dev/pts/99");
        release.Join();

        // Assert
        PortLock.Probe(path).Should().Be(PortLockState.Held);
    }

    [TestMethod]
    public void Device_is_refused_a_lock_that_another_device_keeps()
    {
        string path = _ports.NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var other = new FileStream(PortLock.PathOf(path), FileMode.OpenOrCreate, FileAccess.Read, FileShare.None);

        Action act = () => PortLock.Acquire(path, "/dev/pts/99").Dispose();

        act.Should().Throw<IOException>().WithMessage("*in use by another HemSim device*");
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
