using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>RFC 3394 key wrap (spec §13.7, §13.8): the RFC's §4 vectors and an alternative initial value.</summary>
public sealed partial class AesCipherTests
{
    private static readonly byte[] s_defaultIv = Hex("A6A6A6A6A6A6A6A6");

    [TestMethod]
    // RFC 3394 §4.1 Wrap 128 bits of Key Data with a 128-bit KEK
    [DataRow("000102030405060708090A0B0C0D0E0F", "00112233445566778899AABBCCDDEEFF",
        "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5")]
    // RFC 3394 §4.2 Wrap 128 bits of Key Data with a 192-bit KEK
    [DataRow("000102030405060708090A0B0C0D0E0F1011121314151617", "00112233445566778899AABBCCDDEEFF",
        "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D")]
    // RFC 3394 §4.3 Wrap 128 bits of Key Data with a 256-bit KEK
    [DataRow("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "00112233445566778899AABBCCDDEEFF",
        "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7")]
    // RFC 3394 §4.4 Wrap 192 bits of Key Data with a 192-bit KEK
    [DataRow("000102030405060708090A0B0C0D0E0F1011121314151617", "00112233445566778899AABBCCDDEEFF0001020304050607",
        "031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2")]
    // RFC 3394 §4.5 Wrap 192 bits of Key Data with a 256-bit KEK
    [DataRow("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "00112233445566778899AABBCCDDEEFF0001020304050607",
        "A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1")]
    // RFC 3394 §4.6 Wrap 256 bits of Key Data with a 256-bit KEK
    [DataRow("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
        "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
        "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21")]
    public void Wrap_matches_rfc3394_section_4(string kek, string keyData, string wrapped)
    {
        // Arrange
        using var cipher = AesCipher.Create(Hex(kek));

        // Act
        var result = cipher.Wrap(Hex(keyData), s_defaultIv);
        var opened = cipher.TryUnwrap(Hex(wrapped), s_defaultIv, out var unwrapped);

        // Assert
        result.Should().Equal(Hex(wrapped));
        opened.Should().BeTrue();
        unwrapped.Should().Equal(Hex(keyData));
    }

    [TestMethod]
    public void Wrap_uses_an_alternative_initial_value()
    {
        // Arrange: Apple CommonCrypto regression test CommonCryptoSymmetricWrap.c (rdar://problem/44095510): all-zero
        // 128-bit KEK and 256-bit key data wrapped with an all-zero 8-byte IV.
        using var cipher = AesCipher.Create(new byte[16]);
        byte[] zeroIv = new byte[8];
        byte[] expected = Hex("0c53d2f44eba3d21c58f8f90764b5805bbfe457b54408560abdd0d313de29e97fc47fc4eaa91e65d");

        // Act
        var wrapped = cipher.Wrap(new byte[32], zeroIv);

        // Assert
        wrapped.Should().Equal(expected);
        cipher.TryUnwrap(expected, zeroIv, out var unwrapped).Should().BeTrue();
        unwrapped.Should().Equal(new byte[32]);
        cipher.TryUnwrap(expected, s_defaultIv, out _).Should().BeFalse("the integrity check compares with the IV in use");
    }

    [TestMethod]
    public void Unwrap_refuses_another_kek_and_an_altered_blob()
    {
        // Arrange: RFC 3394 §4.1.
        var wrapped = Hex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");
        using var right = AesCipher.Create(Hex("000102030405060708090A0B0C0D0E0F"));
        using var wrong = AesCipher.Create(Hex("000102030405060708090A0B0C0D0E0E"));
        var altered = (byte[])wrapped.Clone();
        altered[12] ^= 0x01;

        // Act / Assert
        wrong.TryUnwrap(wrapped, s_defaultIv, out var fromWrongKek).Should().BeFalse();
        fromWrongKek.Should().BeEmpty();
        right.TryUnwrap(altered, s_defaultIv, out _).Should().BeFalse();
        right.TryUnwrap(wrapped, s_defaultIv, out _).Should().BeTrue();
    }

    [TestMethod]
    public void Wrap_after_an_alternative_iv_goes_back_to_the_iv_it_is_given()
    {
        // Arrange: the BouncyCastle engine keeps an IV between Inits; each call must use its own.
        using var cipher = AesCipher.Create(Hex("000102030405060708090A0B0C0D0E0F"));
        cipher.Wrap(Hex("00112233445566778899AABBCCDDEEFF"), new byte[8]);

        // Act
        var wrapped = cipher.Wrap(Hex("00112233445566778899AABBCCDDEEFF"), s_defaultIv);

        // Assert: RFC 3394 §4.1
        wrapped.Should().Equal(Hex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"));
    }
}
