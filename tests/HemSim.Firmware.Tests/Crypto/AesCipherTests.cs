using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>
/// <see cref="AesCipher"/> ECB and CBC against NIST SP 800-38A Appendix F (F.1 ECB, F.2 CBC): the four-block example
/// plaintext under the three example keys, encrypting and decrypting.
/// </summary>
[TestClass]
public sealed partial class AesCipherTests
{
    // NIST SP 800-38A Appendix F: the plaintext shared by F.1 and F.2 (blocks #1–#4) and the CBC IV of F.2.
    private const string Sp800_38aPlaintext =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
    private const string Sp800_38aCbcIv = "000102030405060708090a0b0c0d0e0f";

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    [TestMethod]
    // NIST SP 800-38A F.1.1 ECB-AES128.Encrypt
    [DataRow("2b7e151628aed2a6abf7158809cf4f3c",
        "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4")]
    // NIST SP 800-38A F.1.3 ECB-AES192.Encrypt
    [DataRow("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        "bd334f1d6e45f25ff712a214571fa5cc974104846d0ad3ad7734ecb3ecee4eefef7afd2270e2e60adce0ba2face6444e9a4b41ba738d6c72fb16691603c18e0e")]
    // NIST SP 800-38A F.1.5 ECB-AES256.Encrypt
    [DataRow("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        "f3eed1bdb5d2a03c064b5a7e3db181f8591ccb10d410ed26dc5ba74a31362870b6ed21b99ca6f4f9f153e7b1beafed1d23304b7a39f9f3ff067d8d8f9e24ecc7")]
    public void Ecb_matches_sp800_38a_in_both_directions(string key, string ciphertext)
    {
        // Arrange
        using var cipher = AesCipher.Create(Hex(key));

        // Act
        var encrypted = cipher.EncryptEcb(Hex(Sp800_38aPlaintext));
        var decrypted = cipher.DecryptEcb(Hex(ciphertext));

        // Assert
        encrypted.Should().Equal(Hex(ciphertext));
        decrypted.Should().Equal(Hex(Sp800_38aPlaintext));
    }

    [TestMethod]
    // NIST SP 800-38A F.2.1 CBC-AES128.Encrypt
    [DataRow("2b7e151628aed2a6abf7158809cf4f3c",
        "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7")]
    // NIST SP 800-38A F.2.3 CBC-AES192.Encrypt
    [DataRow("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        "4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd")]
    // NIST SP 800-38A F.2.5 CBC-AES256.Encrypt
    [DataRow("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b")]
    public void Cbc_matches_sp800_38a_and_adds_one_pkcs7_block(string key, string ciphertext)
    {
        // Arrange: SP 800-38A has no padding; PKCS#7 adds a whole block of 0x10 to the 64-byte message, which does
        // not change the first four ciphertext blocks.
        using var cipher = AesCipher.Create(Hex(key));

        // Act
        var encrypted = cipher.EncryptCbc(Hex(Sp800_38aPlaintext), Hex(Sp800_38aCbcIv));

        // Assert
        encrypted.Should().HaveCount(80);
        encrypted[..64].Should().Equal(Hex(ciphertext));
        cipher.TryDecryptCbc(encrypted, Hex(Sp800_38aCbcIv), out var decrypted).Should().BeTrue();
        decrypted.Should().Equal(Hex(Sp800_38aPlaintext));
    }

    [TestMethod]
    public void Cbc_decryption_refuses_bad_padding_and_partial_blocks()
    {
        // Arrange: the SP 800-38A F.2.1 ciphertext has no PKCS#7 padding, so its last block decrypts to a bad pad.
        using var cipher = AesCipher.Create(Hex("2b7e151628aed2a6abf7158809cf4f3c"));
        var unpadded = Hex("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2");

        // Act / Assert
        cipher.TryDecryptCbc(unpadded, Hex(Sp800_38aCbcIv), out var plaintext).Should().BeFalse();
        plaintext.Should().BeEmpty();
        cipher.TryDecryptCbc(unpadded[..20], Hex(Sp800_38aCbcIv), out _).Should().BeFalse();
        cipher.TryDecryptCbc([], Hex(Sp800_38aCbcIv), out _).Should().BeFalse();
    }

    [TestMethod]
    public void Cbc_matches_dotnet_for_every_length_around_a_block()
    {
        // Arrange
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] iv = RandomNumberGenerator.GetBytes(16);
        using var cipher = AesCipher.Create(key);
        using var reference = Aes.Create();
        reference.Key = key;

        for (int length = 0; length <= 33; length++)
        {
            byte[] message = RandomNumberGenerator.GetBytes(length);

            // Act
            var encrypted = cipher.EncryptCbc(message, iv);

            // Assert
            encrypted.Should().Equal(reference.EncryptCbc(message, iv, PaddingMode.PKCS7), $"length {length}");
            encrypted.Length.Should().Be((length / 16 + 1) * 16);
            cipher.TryDecryptCbc(encrypted, iv, out var decrypted).Should().BeTrue();
            decrypted.Should().Equal(message);
        }
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(15)]
    [DataRow(20)]
    [DataRow(33)]
    [DataRow(64)]
    public void Create_refuses_a_key_that_is_not_an_aes_size(int length)
    {
        // Act
        var act = () => AesCipher.Create(new byte[length]);

        // Assert
        act.Should().Throw<ArgumentException>();
    }
}
