using FluentAssertions;
using HemSim.Firmware.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Json;

[TestClass]
public sealed class Base64TextTests
{
    [TestMethod]
    [DataRow("+/8=", "fbff")]
    [DataRow("+/8", "fbff")]
    [DataRow("-_8=", "fbff")]
    [DataRow("-_8", "fbff")]
    [DataRow("QQ==", "41")]
    [DataRow("QQ", "41")]
    [DataRow("QUI=", "4142")]
    [DataRow("QUJD", "414243")]
    [DataRow("", "")]
    public void Base64_decodes_both_alphabets_with_or_without_padding(string text, string hex)
    {
        // Act
        var decoded = Base64Text.TryDecode(text, out var bytes);

        // Assert
        decoded.Should().BeTrue();
        bytes.Should().Equal(Convert.FromHexString(hex));
    }

    [TestMethod]
    [DataRow("Q")]
    [DataRow("QUJDR")]
    [DataRow("QQ===")]
    [DataRow("Q===")]
    [DataRow("QQ==QQ==")]
    [DataRow("Q=Q=")]
    [DataRow("QU JD")]
    [DataRow("QUJD\n")]
    [DataRow("QU*D")]
    [DataRow("=")]
    [DataRow("====")]
    [DataRow("é")]
    [DataRow("QU JDQUJ")]
    [DataRow("QUJD\tQUJ")]
    [DataRow("QUJDQU\r\n")]
    [DataRow(" QUJDQUJ")]
    [DataRow("QUJDQUJ=QUJD")]
    public void Base64_rejects_anything_else(string text)
    {
        // Act
        var decoded = Base64Text.TryDecode(text, out var bytes);

        // Assert
        decoded.Should().BeFalse();
        bytes.Should().BeEmpty();
    }

    [TestMethod]
    public void Base64_decodes_a_long_text()
    {
        // Arrange
        var data = Enumerable.Range(0, 3000).Select(i => (byte)(i % 251)).ToArray();

        // Act
        var decoded = Base64Text.TryDecode(Convert.ToBase64String(data), out var bytes);

        // Assert
        decoded.Should().BeTrue();
        bytes.Should().Equal(data);
    }

    [TestMethod]
    public void Every_length_decodes_the_same_in_either_alphabet_with_or_without_padding()
    {
        // The padded standard form takes the fast path, the others the normalising one: both must agree.
        var random = new Random(17);
        for (int length = 0; length < 200; length++)
        {
            // Arrange
            var data = new byte[length];
            random.NextBytes(data);
            var standard = Convert.ToBase64String(data);
            string[] forms = [standard, standard.TrimEnd('='), standard.Replace('+', '-').Replace('/', '_'), Base64Text.EncodeUrl(data)];

            foreach (var form in forms)
            {
                // Act
                var decoded = Base64Text.TryDecode(form, out var bytes);

                // Assert
                decoded.Should().BeTrue(form);
                bytes.Should().Equal(data, form);
            }
        }
    }

    [TestMethod]
    public void Base64_encodes_standard_with_padding_and_url_safe_without()
    {
        // Arrange
        byte[] data = [0xFB, 0xFF];

        // Act
        var standard = Base64Text.Encode(data);
        var url = Base64Text.EncodeUrl(data);

        // Assert
        standard.Should().Be("+/8=");
        url.Should().Be("-_8");
    }
}
