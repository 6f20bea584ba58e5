using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Rig = HemSim.Firmware.Tests.Api.KeyMgmt.KeyMgmtListTests.Rig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>POST /api/keymgmt/search: 400 outcomes (spec §3.7, §12.4); none is audited.</summary>
public sealed partial class KeyMgmtSearchTests
{
    [TestMethod]
    [DataRow("{}")]
    [DataRow("{\"descr\":null}")]
    [DataRow("{\"descr\":5}")]
    [DataRow("{\"descr\":[\"QUJD\"]}")]
    [DataRow("{\"descr\":\"\"}")]
    [DataRow("{\"descr\":\"^\"}")]
    [DataRow("{\"descr\":\"$\"}")]
    [DataRow("{\"descr\":\"^$\"}")]
    [DataRow("{\"descr\":\"!!!!\"}")]
    [DataRow("{\"descr\":\"^^QUJD\"}")]
    [DataRow("{\"descr\":\"QUJD$$\"}")]
    [DataRow("{\"descr\":\"Q\"}")]
    [DataRow("{\"descr\":\"QU JD\"}")]
    [DataRow("{\"descr\":\"QUJD\",\"offset\":-1}")]
    [DataRow("{\"descr\":\"QUJD\",\"offset\":1.5}")]
    [DataRow("{\"descr\":\"QUJD\",\"offset\":\"1\"}")]
    [DataRow("{\"descr\":\"QUJD\",\"offset\":true}")]
    [DataRow("{\"descr\":\"QUJD\",\"limit\":-1}")]
    [DataRow("{\"descr\":\"QUJD\",\"limit\":2.5}")]
    [DataRow("{\"descr\":\"QUJD\",\"limit\":\"x\"}")]
    [DataRow("{\"descr\":\"QUJD\",\"limit\":{}}")]
    [DataRow("{\"descr\":\"QUJD\"")]
    [DataRow("[\"QUJD\"]")]
    public void Search_answers_400_to_a_malformed_body_and_writes_nothing(string body)
    {
        // Arrange: a key the valid part of each body would find.
        using var rig = new Rig();
        rig.Create("AES256", "ABC");
        var token = rig.Token("keymgmt:search");
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Search(body, token);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("{\"descr\":\"QUJD\",\"offset\":null,\"limit\":null}")]
    [DataRow("{\"descr\":\"QUJD\",\"unknown\":\"ignored\"}")]
    [DataRow("{\"descr\":\"^QUJD\\/A\"}")]
    public void Search_treats_null_paging_fields_as_absent_and_ignores_unknown_members(string body)
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create("AES256", new byte[] { 0x41, 0x42, 0x43, 0xFC });

        // Act
        var response = rig.Search(body, rig.Token("keymgmt:search"));

        // Assert
        response.Status.Should().Be(200);
        Rig.Kids(response).Should().Equal(kid);
    }
}
