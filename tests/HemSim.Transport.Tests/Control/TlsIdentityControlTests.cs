using System.Security.Cryptography;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tls;
using HemSim.Transport.Control;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Control;

/// <summary>GetTlsIdentity (PROTOCOL.md §6.5, code 10): its layout and its trip from a real device to the host.</summary>
[TestClass]
public sealed class TlsIdentityControlTests
{
    private static readonly TlsIdentityExport s_sample = new(
        Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), "my.ence.do", [0x30, 0x01, 0x02], [0x30, 0x82]);

    [TestMethod]
    public void GetTlsIdentity_has_the_documented_wire_value()
    {
        var control = new ControlMessage(ControlOperation.GetTlsIdentity, ReadOnlyMemory<byte>.Empty);

        Hex.Format(MessageCodec.Encode(control)).Should().Be("0A 00");
    }

    [TestMethod]
    public void Identity_round_trips_with_and_without_a_certificate()
    {
        foreach (var identity in new[] { s_sample, s_sample with { Certificate = null } })
        {
            TlsIdentityTransfer.TryDecode(TlsIdentityTransfer.Encode(identity), out var decoded).Should().BeTrue();
            decoded!.Tag.Should().Equal(identity.Tag);
            decoded.Hostname.Should().Be(identity.Hostname);
            decoded.PrivateKey.Should().Equal(identity.PrivateKey);
            decoded.Certificate.Should().BeEquivalentTo(identity.Certificate);
        }
    }

    [TestMethod]
    public void Tls_fault_flag_travels_as_bit_0_of_the_last_byte()
    {
        var data = TlsIdentityTransfer.Encode(s_sample with { TlsFaultArmed = true });

        data[^1].Should().Be(TlsIdentityTransfer.FlagTlsFaultArmed);
        TlsIdentityTransfer.TryDecode(data, out var decoded).Should().BeTrue();
        decoded!.TlsFaultArmed.Should().BeTrue();
        TlsIdentityTransfer.TryDecode(TlsIdentityTransfer.Encode(s_sample), out var plain).Should().BeTrue();
        plain!.TlsFaultArmed.Should().BeFalse();
    }

    [TestMethod]
    public async Task Break_tls_changes_the_tag_and_sets_the_flag_until_reboot()
    {
        // Arrange
        await using var device = HemDevice.Boot(new HemDeviceOptions { Seed = "tls control"u8.ToArray(), Diag = true });
        var plain = await device.ExportTlsIdentityAsync(ReadOnlyMemory<byte>.Empty).Within();

        // Act
        (await device.ProcessAsync(new ApiRequest("GET", "/api/diag/break_tls", false, [])).Within()).Status.Should().Be(200);
        var armed = await device.ExportTlsIdentityAsync(plain!.Tag).Within();
        var armedAgain = await device.ExportTlsIdentityAsync(armed!.Tag).Within();
        await device.PowerCycleAsync().Within();
        var afterBoot = await device.ExportTlsIdentityAsync(armed.Tag).Within();
        var afterBootAgain = await device.ExportTlsIdentityAsync(plain.Tag).Within();

        // Assert
        plain.TlsFaultArmed.Should().BeFalse();
        armed.TlsFaultArmed.Should().BeTrue();
        armed.Tag.Should().NotEqual(plain.Tag);
        armed.PrivateKey.Should().Equal(plain.PrivateKey);
        armedAgain.Should().BeNull("the armed identity is unchanged while the flag stays");
        afterBoot!.TlsFaultArmed.Should().BeFalse("a reboot clears the fault");
        afterBoot.Tag.Should().Equal(plain.Tag);
        afterBootAgain.Should().BeNull();
    }

    [TestMethod]
    public void Layout_is_tag_hostname_key_certificate_little_endian()
    {
        var data = TlsIdentityTransfer.Encode(s_sample);

        Hex.Format(data[32..]).Should().Be(
            "0A 00 6D 79 2E 65 6E 63 65 2E 64 6F  03 00 00 00 30 01 02  02 00 00 00 30 82  00".Replace("  ", " ", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Truncated_or_padded_data_does_not_decode()
    {
        var data = TlsIdentityTransfer.Encode(s_sample);

        for (int length = 0; length < data.Length; length++)
        {
            TlsIdentityTransfer.TryDecode(data.AsSpan(0, length), out _).Should().BeFalse($"{length} of {data.Length} bytes");
        }
        TlsIdentityTransfer.TryDecode([.. data, 0], out _).Should().BeFalse("trailing byte");
        TlsIdentityTransfer.TryDecode(TlsIdentityTransfer.Encode(s_sample with { PrivateKey = [] }), out _).Should().BeFalse("no key");
    }

    [TestMethod]
    public async Task Device_sends_its_identity_once_then_nothing_while_it_is_unchanged()
    {
        // Arrange: a real device behind a real session, its control channel offering the TLS identity.
        await using var device = HemDevice.Boot(new HemDeviceOptions { Seed = "tls control"u8.ToArray() });
        var options = new DeviceSessionOptions { ControlHandler = (request, ct) => TlsIdentityTransfer.HandleAsync(device, request, ct) };
        await using var channel = await EmbeddedDevice.StartAsync(device.ProcessAsync, device.Identity, options, null).Within();
        var control = (IDeviceControl)channel;

        // Act
        ControlResult first = await control.ControlAsync(ControlOperation.GetTlsIdentity, ReadOnlyMemory<byte>.Empty).Within();
        TlsIdentityTransfer.TryDecode(first.Data.Span, out var identity).Should().BeTrue();
        ControlResult again = await control.ControlAsync(ControlOperation.GetTlsIdentity, identity!.Tag).Within();
        await device.PowerCycleAsync().Within();
        ControlResult afterBoot = await control.ControlAsync(ControlOperation.GetTlsIdentity, identity.Tag).Within();

        // Assert
        first.Status.Should().Be(ControlStatus.Ok);
        identity.Hostname.Should().Be("my.ence.do");
        identity.Certificate.Should().BeNull();
        using (var key = ECDsa.Create())
        {
            key.ImportPkcs8PrivateKey(identity.PrivateKey, out _);
            key.KeySize.Should().Be(256);
        }
        again.Status.Should().Be(ControlStatus.Ok);
        again.Data.IsEmpty.Should().BeTrue();
        afterBoot.Data.IsEmpty.Should().BeTrue("a power cycle keeps the key, and no certificate was imported");
    }

    [TestMethod]
    public async Task Wrong_argument_length_and_other_operations_are_refused()
    {
        await using var device = HemDevice.Boot(new HemDeviceOptions { Seed = "tls control"u8.ToArray() });

        var wrong = await TlsIdentityTransfer.HandleAsync(device, new ControlRequest(ControlOperation.GetTlsIdentity, new byte[5]), default).Within();
        var other = await TlsIdentityTransfer.HandleAsync(device, new ControlRequest(ControlOperation.Snapshot, ReadOnlyMemory<byte>.Empty), default).Within();

        wrong.Status.Should().Be(ControlStatus.InvalidArgument);
        other.Status.Should().Be(ControlStatus.Unsupported);
    }
}
