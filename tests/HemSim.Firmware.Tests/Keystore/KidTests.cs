using FluentAssertions;
using HemSim.Firmware.Keystore;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Keystore;

[TestClass]
public sealed class KidTests
{
    [TestMethod]
    [DataRow("00112233445566778899aabbccddeeff", "00112233445566778899aabbccddeeff")]
    [DataRow("00112233445566778899AABBCCDDEEFF", "00112233445566778899aabbccddeeff")]
    public void Kid_parses_32_hex_characters_of_either_case_to_lowercase(string text, string hex)
    {
        // Act
        var parsed = Kid.TryParse(text, out var kid);

        // Assert
        parsed.Should().BeTrue();
        kid!.Hex.Should().Be(hex);
        kid.ToBytes().Should().Equal(Convert.FromHexString(hex));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("00112233445566778899aabbccddeef")]
    [DataRow("00112233445566778899aabbccddeeff0")]
    [DataRow("00112233445566778899aabbccddeefg")]
    [DataRow(" 0112233445566778899aabbccddeeff")]
    public void Kid_rejects_anything_but_32_hex_characters(string? text)
    {
        // Act
        var parsed = Kid.TryParse(text, out var kid);

        // Assert
        parsed.Should().BeFalse();
        kid.Should().BeNull();
    }

    [TestMethod]
    public void Kid_from_bytes_requires_16_bytes()
    {
        // Act
        var act = () => Kid.FromBytes(new byte[15]);

        // Assert
        act.Should().Throw<ArgumentException>();
    }
}
