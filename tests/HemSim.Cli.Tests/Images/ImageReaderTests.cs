using FluentAssertions;
using HemSim.Cli.Images;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Images;

[TestClass]
public sealed class ImageReaderTests
{
    /// <summary>A valid firmware image "v1" with payload 01 02 03, made by the firmware (see the cross-check tests).</summary>
    private static byte[] Valid() => FirmwareSignedImage.Create(1, "v1", [1, 2, 3], FirmwareSignedImage.TestSeed());

    [TestMethod]
    public void Reads_the_fields_of_a_valid_image()
    {
        ImageReader.TryRead(Valid(), out ParsedImage? image, out string? problem).Should().BeTrue(problem);

        image!.Kind.Should().Be(ImageKind.Firmware);
        image.Version.Should().Be("v1");
        image.Payload.ToArray().Should().Equal(1, 2, 3);
        image.VerifySignature(FirmwareSignedImage.TestPublicKey).Should().BeTrue();
    }

    // Offsets in Valid(): 0–7 magic, 8 format, 9 kind, 10 flags, 11 reserved, 12–13 version length (2), 14–15 "v1",
    // 16–19 payload length (3), 20–22 payload, 23–86 signature.
    [TestMethod]
    [DataRow(0, (byte)'X', "no HEMSIMIM magic")]
    [DataRow(8, (byte)2, "format version 2")]
    [DataRow(9, (byte)3, "unknown kind 3")]
    [DataRow(10, (byte)0x02, "flags 0x02")]
    [DataRow(11, (byte)1, "reserved byte")]
    [DataRow(12, (byte)0, "version text length 0")]
    [DataRow(12, (byte)65, "version text length 65")]
    [DataRow(14, (byte)0x07, "control characters")]
    [DataRow(14, (byte)0xff, "not UTF-8")]
    [DataRow(16, (byte)4, "payload length 4")]
    public void Refuses_a_malformed_image_as_the_firmware_does(int offset, byte value, string expected)
    {
        // Arrange
        byte[] image = Valid();
        image[offset] = value;

        // Act
        bool read = ImageReader.TryRead(image, out _, out string? problem);

        // Assert
        read.Should().BeFalse();
        problem.Should().Contain(expected);
        FirmwareSignedImage.TryParse(image, out _).Should().BeNull("the firmware refuses it too");
    }

    [TestMethod]
    public void Refuses_the_diag_flag_on_a_dashboard_and_a_byte_after_the_signature()
    {
        byte[] dashboard = FirmwareSignedImage.Create(2, "ui", [1], FirmwareSignedImage.TestSeed());
        dashboard[10] = 0x01;
        byte[] trailing = [.. Valid(), 0];

        ImageReader.TryRead(dashboard, out _, out string? flagProblem).Should().BeFalse();
        ImageReader.TryRead(trailing, out _, out string? trailingProblem).Should().BeFalse();

        flagProblem.Should().Contain("flags 0x01 not allowed for a dashboard");
        trailingProblem.Should().Contain("payload length 3 does not match");
    }

    [TestMethod]
    public void Refuses_a_firmware_version_ending_in_DIAG_without_the_DIAG_flag_and_accepts_it_with_the_flag()
    {
        byte[] claiming = FirmwareSignedImage.Create(1, "v1-DIAG", [1], FirmwareSignedImage.TestSeed());
        byte[] flagged = FirmwareSignedImage.Create(1, "v1-DIAG", [1], FirmwareSignedImage.TestSeed(), flags: 0x01);
        byte[] label = FirmwareSignedImage.Create(2, "ui-DIAG", [1], FirmwareSignedImage.TestSeed());

        ImageReader.TryRead(claiming, out _, out string? problem).Should().BeFalse();
        problem.Should().Contain("ends in -DIAG but the DIAG flag is not set");
        ImageReader.TryRead(flagged, out _, out _).Should().BeTrue();
        ImageReader.TryRead(label, out _, out _).Should().BeTrue("a dashboard's version is a free label");
    }

    [TestMethod]
    public void Refuses_a_truncated_image_without_reading_past_its_end()
    {
        byte[] image = Valid();

        for (int length = 0; length < image.Length; length++)
        {
            ImageReader.TryRead(image[..length], out _, out _).Should().BeFalse($"{length} bytes are not a whole image");
        }
    }
}
