using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary><see cref="AesKey"/>: a stored AES key used at its own size or a smaller one (spec §22 #32).</summary>
[TestClass]
public sealed class AesKeyTests
{
    // NIST SP 800-38A F.1.5 key and F.1.1/F.1.5 first blocks: the AES-128 use of this key is its first 16 bytes,
    // which are not the F.1.1 key, so the expected AES-128 block is computed with .NET from the prefix.
    private static readonly byte[] s_key = Convert.FromHexString("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
    private static readonly byte[] s_block = Convert.FromHexString("6bc1bee22e409f96e93d7e117393172a");

    [TestMethod]
    public void A_key_gives_ciphers_of_its_size_and_smaller_ones_over_its_first_bytes()
    {
        // Arrange
        using var key = AesKey.Open(s_key);
        using var reference = System.Security.Cryptography.Aes.Create();

        foreach (int size in new[] { 16, 24, 32 })
        {
            reference.Key = s_key[..size];

            // Act
            key.TryGetCipher(size, out var cipher).Should().BeTrue();

            // Assert
            cipher.KeySize.Should().Be(size);
            cipher.EncryptEcb(s_block).Should().Equal(reference.EncryptEcb(s_block, System.Security.Cryptography.PaddingMode.None));
        }
        key.TryGetCipher(32, out var full);
        full.EncryptEcb(s_block).Should().Equal(Convert.FromHexString("f3eed1bdb5d2a03c064b5a7e3db181f8")); // SP 800-38A F.1.5 block #1
    }

    [TestMethod]
    public void A_key_refuses_a_larger_size_and_reuses_its_ciphers()
    {
        // Arrange
        using var key = AesKey.Open(s_key[..16]);

        // Act / Assert
        key.TryGetCipher(24, out _).Should().BeFalse();
        key.TryGetCipher(32, out _).Should().BeFalse();
        key.TryGetCipher(16, out var first).Should().BeTrue();
        key.TryGetCipher(16, out var second).Should().BeTrue();
        second.Should().BeSameAs(first);
    }

    [TestMethod]
    public void Open_refuses_a_secret_that_is_not_an_aes_key()
    {
        // Act
        var act = () => AesKey.Open(new byte[20]);

        // Assert
        act.Should().Throw<ArgumentException>();
    }
}
