using FluentAssertions;
using HemSim.Firmware.Upgrade;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Upgrade;

[TestClass]
public sealed class UploadFileNameTests
{
    [TestMethod]
    [DataRow("attachment; filename=\"firmware.bin\"", "firmware.bin")]
    [DataRow("attachment; filename=firmware.hex", "firmware.hex")]
    [DataRow("attachment; FILENAME=\"a b.tar\"", "a b.tar")]
    [DataRow("attachment; filename=\"semi;colon.bin\"; size=3", "semi;colon.bin")]
    [DataRow("attachment; filename=\"quote\\\"d.bin\"", "quote\"d.bin")]
    [DataRow("form-data; name=\"f\"; filename=\"webroot.tar\"", "webroot.tar")]
    [DataRow("attachment;filename=  x.bin  ", "x.bin")]
    [DataRow("filename=\"x.bin\"", "x.bin", DisplayName = "no disposition type")]
    [DataRow(" Filename=x.bin; size=3", "x.bin", DisplayName = "no disposition type, bare token")]
    [DataRow("name=\"filename=no.bin\"; filename=yes.bin", "yes.bin", DisplayName = "not inside another parameter's value")]
    public void Parses_the_file_name(string header, string expected)
    {
        UploadFileName.TryParse(header, out var name).Should().BeTrue();
        name.Should().Be(expected);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("attachment")]
    [DataRow("attachment; filename=")]
    [DataRow("attachment; filename=\"\"")]
    [DataRow("attachment; filename=\"x.bin")]
    [DataRow("attachment; filename*=UTF-8''x.bin")]
    [DataRow("attachment; name=\"x.bin\"")]
    public void Refuses_a_header_without_a_file_name(string? header)
    {
        UploadFileName.TryParse(header, out _).Should().BeFalse();
    }
}
