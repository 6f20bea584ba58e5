using FluentAssertions;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Keystore;

[TestClass]
public sealed class SecureElementTests
{
    private static Func<IEntropySource> Source(IEntropySource entropy) => () => entropy;

    private static readonly byte[] Plain = "secret key bytes"u8.ToArray();
    private static readonly byte[] Aad = "record 1"u8.ToArray();

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    [global::System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Secure_element_file_is_readable_by_its_owner_only()
    {
        // Arrange
        using var folder = new TempFolder();

        // Act
        SecureElement.Open(folder.Path, Source(new ScriptedEntropy()));

        // Assert
        File.GetUnixFileMode(folder.File(SecureElement.FileName))
            .Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        new FileInfo(folder.File(SecureElement.FileName)).Length.Should().Be(32);
    }

    [TestMethod]
    public void Secure_element_reopened_from_its_file_unseals_what_it_sealed()
    {
        // Arrange
        using var folder = new TempFolder();
        var sealedBlob = SecureElement.Open(folder.Path, Source(new ScriptedEntropy())).Seal(Plain, Aad);

        // Act
        var reopened = SecureElement.Open(folder.Path, Source(new ScriptedEntropy([0xFF])));
        var opened = reopened.TryUnseal(sealedBlob, Aad, out var plain);

        // Assert
        opened.Should().BeTrue();
        plain.Should().Equal(Plain);
    }

    [TestMethod]
    public void Secure_element_with_another_secret_cannot_unseal()
    {
        // Arrange
        var sealedBlob = SecureElement.InMemory(Source(new ScriptedEntropy(Enumerable.Repeat((byte)1, 32).ToArray()))).Seal(Plain, Aad);
        var other = SecureElement.InMemory(Source(new ScriptedEntropy(Enumerable.Repeat((byte)2, 32).ToArray())));

        // Act
        var opened = other.TryUnseal(sealedBlob, Aad, out var plain);

        // Assert
        opened.Should().BeFalse();
        plain.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(5)]
    [DataRow(20)]
    [DataRow(-1)]
    public void Secure_element_refuses_a_blob_altered_at_any_position(int position)
    {
        // Arrange
        var element = SecureElement.InMemory(Source(new ScriptedEntropy()));
        var blob = element.Seal(Plain, Aad);
        blob[position < 0 ? blob.Length - 1 : position] ^= 0x80;

        // Act
        var opened = element.TryUnseal(blob, Aad, out _);

        // Assert
        opened.Should().BeFalse();
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(27)]
    public void Secure_element_refuses_a_blob_too_short_to_hold_nonce_and_tag(int length)
    {
        // Arrange
        var element = SecureElement.InMemory(Source(new ScriptedEntropy()));

        // Act
        var opened = element.TryUnseal(new byte[length], Aad, out _);

        // Assert
        opened.Should().BeFalse();
    }

    [TestMethod]
    public void Secure_element_binds_a_blob_to_its_associated_data()
    {
        // Arrange
        var element = SecureElement.InMemory(Source(new ScriptedEntropy()));
        var blob = element.Seal(Plain, Aad);

        // Act
        var opened = element.TryUnseal(blob, "record 2"u8, out _);

        // Assert
        opened.Should().BeFalse();
    }

    [TestMethod]
    public void Secure_element_uses_a_fresh_nonce_for_every_seal()
    {
        // Arrange
        var element = SecureElement.InMemory(Source(new ScriptedEntropy()));

        // Act
        var first = element.Seal(Plain, Aad);
        var second = element.Seal(Plain, Aad);

        // Assert
        first.Should().HaveCount(12 + Plain.Length + 16);
        second.Should().NotEqual(first);
        first.AsSpan().IndexOf(Plain).Should().Be(-1);
    }

    [TestMethod]
    public void Secure_element_refuses_a_damaged_secret_file()
    {
        // Arrange
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File(SecureElement.FileName), new byte[31]);

        // Act
        var act = () => SecureElement.Open(folder.Path, Source(new ScriptedEntropy()));

        // Assert
        act.Should().Throw<InvalidDataException>();
    }
}
