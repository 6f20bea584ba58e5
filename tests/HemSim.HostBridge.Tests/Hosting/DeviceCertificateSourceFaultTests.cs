using System.Security.Authentication;
using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Tls;
using HemSim.HostBridge.Hosting;
using HemSim.HostBridge.Hosting.Certificates;
using HemSim.Transport.Control;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary>The DIAG <c>break_tls</c> fault as the bridge's handshakes see it (spec §16 G5, PROTOCOL.md §6.5 flags).</summary>
[TestClass]
public sealed class DeviceCertificateSourceFaultTests
{
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = TestBridge.NewDataFolder();

    [TestCleanup]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Answers with <see cref="Next"/> once, then "unchanged".</summary>
    private sealed class OneShotDevice : IDeviceControl
    {
        public TlsIdentityExport? Next { get; set; }

        public Task<ControlResult> ControlAsync(ControlOperation operation, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken = default)
        {
            TlsIdentityExport? next = Next;
            Next = null;
            return Task.FromResult(ControlResult.Ok(next is null ? ReadOnlyMemory<byte>.Empty : TlsIdentityTransfer.Encode(next)));
        }
    }

    private static TlsIdentityExport Identity(byte fill, bool armed)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new TlsIdentityExport(Enumerable.Repeat(fill, TlsIdentityTransfer.TagSize).ToArray(), "my.ence.do",
            key.ExportPkcs8PrivateKey(), null, armed);
    }

    private static async Task<List<int>> FailingHandshakesAsync(DeviceCertificateSource source, int count)
    {
        var failed = new List<int>();
        for (int n = 1; n <= count; n++)
        {
            try
            {
                var options = await source.HandshakeOptionsAsync(CancellationToken.None);
                options.ServerCertificate.Should().NotBeNull();
            }
            catch (AuthenticationException)
            {
                failed.Add(n);
            }
        }
        return failed;
    }

    [TestMethod]
    public async Task Armed_fault_lets_5_handshakes_through_then_fails_every_second_until_the_flag_clears()
    {
        // Arrange
        var device = new OneShotDevice { Next = Identity(1, armed: false) };
        using var source = await DeviceCertificateSource.CreateAsync(
            LocalCertificateAuthority.LoadOrCreate(_folder, TimeProvider.System),
            new BridgeOptions { DataDirectory = _folder }, device, TimeProvider.System, CancellationToken.None);
        List<int> healthy = await FailingHandshakesAsync(source, 20);

        // Act
        device.Next = Identity(2, armed: true);
        List<int> armed = await FailingHandshakesAsync(source, 20);
        device.Next = Identity(3, armed: false);   // the reboot: a new tag without the flag
        List<int> rebooted = await FailingHandshakesAsync(source, 20);

        // Assert
        healthy.Should().BeEmpty();
        armed.Should().Equal(6, 8, 10, 12, 14, 16, 18, 20);
        rebooted.Should().BeEmpty();
    }

    [TestMethod]
    public void Fault_fires_on_the_6th_8th_and_later_even_handshakes_only()
    {
        Enumerable.Range(1, 10).Where(DeviceCertificateSource.FaultFires).Should().Equal(6, 8, 10);
    }
}
