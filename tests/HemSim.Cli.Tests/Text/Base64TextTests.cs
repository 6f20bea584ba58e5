using FluentAssertions;
using HemSim.Cli.Text;

namespace HemSim.Cli.Tests.Text;

[TestClass]
public sealed class Base64TextTests
{
    [TestMethod]
    [DataRow("+/8=")]
    [DataRow("+/8")]
    [DataRow("-_8=")]
    [DataRow("-_8")]
    public void Decoding_accepts_both_alphabets_with_or_without_padding(string text)
    {
        Base64Text.TryDecodeAny(text, out byte[]? data).Should().BeTrue();

        data.Should().Equal(0xfb, 0xff);
    }

    [TestMethod]
    [DataRow("a")]
    [DataRow("a*b=")]
    public void Decoding_refuses_text_that_is_not_base64(string text)
    {
        Base64Text.TryDecodeAny(text, out byte[]? data).Should().BeFalse();

        data.Should().BeNull();
    }

    [TestMethod]
    public void Url_encoding_has_no_padding()
    {
        Base64Text.EncodeUrl([0xfb, 0xff]).Should().Be("-_8");
    }
}
