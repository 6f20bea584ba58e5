using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

[TestClass]
public sealed partial class KeyMgmtCreateTests
{
    public static IEnumerable<object[]> AllTypes => KeyTypes.Creatable.Select(t => new object[] { KeyTypes.WireName(t) });

    [TestMethod]
    [DynamicData(nameof(AllTypes))]
    public void Creates_key_of_every_type(string type)
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login("keymgmt:gen");

        // Act
        var response = device.Post("/api/keymgmt/create", new { label = "T " + type, type }, token);

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["kid"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$");
        device.Core.Keys.Total.Should().Be(1);
    }
}
