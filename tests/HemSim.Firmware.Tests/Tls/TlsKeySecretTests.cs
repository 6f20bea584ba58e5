using FluentAssertions;
using HemSim.Firmware.Tls;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Tls;

/// <summary>TLS private scalars are zeroed when their key object is done with.</summary>
[TestClass]
public sealed class TlsKeySecretTests
{
    [TestMethod]
    public void Dispose_zeroes_the_scalar()
    {
        var scalar = new byte[32];
        scalar[31] = 7;
        var key = TlsKey.Adopt(scalar);

        key.Dispose();

        scalar.Should().OnlyContain(b => b == 0);
    }

    [TestMethod]
    public void Reboot_zeroes_the_previous_boots_key_and_keeps_the_stored_one()
    {
        using var device = new TestDevice();
        var previous = device.Core.Tls.Key;
        var publicKey = previous.PublicKeyInfo;

        device.Core.Reboot();

        previous.Scalar.ToArray().Should().OnlyContain(b => b == 0);
        device.Core.Tls.Key.PublicKeyInfo.Should().Equal(publicKey);
        device.Core.Tls.Key.Scalar.ToArray().Should().Contain(b => b != 0);
    }

    [TestMethod]
    public void Replacing_the_stored_key_zeroes_a_key_that_is_neither_stored_nor_served()
    {
        // Arrange: two deliveries before a reboot; the first delivered key is then neither stored nor served.
        using var device = new TestDevice();
        device.Provision(cfg => cfg["hostname"] = "my.ence.do").Status.Should().Be(200);
        var token = device.Login("system:config");
        var attestation = device.Core.Attestation.PublicKeyDer();
        device.Post("/api/system/config", new { tls = DeliveredBundle.For(attestation).Json() }, token).Status.Should().Be(200);
        var first = device.Core.Tls.Key;
        var served = device.Core.Tls.ServedKey;

        // Act
        device.Post("/api/system/config", new { tls = DeliveredBundle.For(attestation).Json() }, token).Status.Should().Be(200);

        // Assert
        first.Scalar.ToArray().Should().OnlyContain(b => b == 0);
        served.Scalar.ToArray().Should().Contain(b => b != 0, "this boot still serves it");
    }
}
