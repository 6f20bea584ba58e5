using FluentAssertions;
using HemSim.HostBridge.Forwarding;

namespace HemSim.HostBridge.Tests.Forwarding;

/// <summary>Which chip of a rack a Host header or SNI names: <c>c&lt;i&gt;.</c> first, 1 ≤ i ≤ N, any domain after it.</summary>
[TestClass]
public sealed class ChipAddressTests
{
    [TestMethod]
    [DataRow("c1.my.ence.do", 1)]
    [DataRow("c10.xxx.cloud.ence.do", 10)]
    [DataRow("C12.EXAMPLE", 12)]
    [DataRow("c7.localhost:8443", 7)]
    [DataRow("c7:8080", 7)]
    [DataRow("c7", 7)]
    public void Names_chip_i_by_its_first_label(string host, int expected)
    {
        ChipAddress.TryFind(host, 12, out int chip).Should().BeTrue();
        chip.Should().Be(expected);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("my.ence.do")]
    [DataRow("127.0.0.1:8080")]
    [DataRow("[::1]:8443")]
    [DataRow("c0.my.ence.do")]
    [DataRow("c13.my.ence.do")]
    [DataRow("c01.my.ence.do")]
    [DataRow("c.my.ence.do")]
    [DataRow("c-1.my.ence.do")]
    [DataRow("c+1.my.ence.do")]
    [DataRow("cc1.my.ence.do")]
    [DataRow("x.c1.my.ence.do")]
    [DataRow("c99999999999.my.ence.do")]
    public void Names_no_chip_otherwise(string? host)
    {
        ChipAddress.TryFind(host, 12, out _).Should().BeFalse();
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("127.0.0.1")]
    [DataRow("c5.my.ence.do")]
    public void A_rack_of_one_takes_every_name(string? host)
    {
        ChipAddress.TryFind(host, 1, out int chip).Should().BeTrue();
        chip.Should().Be(1);
    }
}
