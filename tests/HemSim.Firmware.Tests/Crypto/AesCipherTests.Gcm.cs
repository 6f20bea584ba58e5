using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>
/// GCM with the device's 16-byte nonce (spec §13.5): Wycheproof <c>testvectors_v1/aes_gcm_test.json</c> (C2SP/wycheproof),
/// test groups with <c>ivSize 128</c>, <c>tagSize 128</c>, where J0 is GHASH-derived (NIST SP 800-38D §7.1).
/// </summary>
public sealed partial class AesCipherTests
{
    [TestMethod]
    // Wycheproof aes_gcm_test.json tcId 71 (keySize 128, ivSize 128, Ktv, with AAD)
    [DataRow("2034a82547276c83dd3212a813572bce", "3254202d854734812398127a3d134421", "1a0293d8f90219058902139013908190bc490890d3ff12a3",
        "02efd2e5782312827ed5d230189a2a342b277ce048462193", "64069c2d58690561f27ee199e6b479b6369eec688672bde9", "9b7abadd6e69c1d9ec925786534f5075")]
    // tcId 72 (keySize 128, ivSize 128, empty message)
    [DataRow("b67b1a6efdd40d37080fbe8f8047aeb9", "fa294b129972f7fc5bbd5b96bba837c9", "", "", "", "a2cf26481517ec25085c5b17d0786183")]
    // tcId 73 (keySize 128, ivSize 128)
    [DataRow("209e6dbf2ad26a105445fc0207cd9e9a", "9477849d6ccdfca112d92e53fae4a7ca", "", "01", "fd", "032df7bba5d8ea1a14f16f70bd0e14ec")]
    // tcId 76 (keySize 128, ivSize 128, two blocks)
    [DataRow("0b11ef3a08c02970f74281c860691c75", "95c1dd8c0f1705ece68937901f7add7b", "",
        "f693d4edd825dbb0618d91113128880dbebb23e25d00ed1f077d870be9cc7536",
        "7e47e10fe3c6fbfa381770eaf5d48d1482e71e0c44dff1e30ca6f95d92052084", "d01444fa5d9c499629d174ff3927a1ac")]
    // tcId 79 (keySize 128, ivSize 128, CounterWrap: J0 = ffffffffffffffffffffffffffffffff)
    [DataRow("00112233445566778899aabbccddeeff", "1a552e67cdc4dc1a33b824874ebf0bed", "",
        "00000000000000000000000000000000000000000000000000000000000000000000000000000000",
        "948ca37a8e6649e88aeffb1c598f3607007702417ea0e0bc3c60ad5a949886de968cf53ea6462aed", "99b381bfa2af9751c39d1b6e86d1be6a")]
    // tcId 89 (keySize 128, ivSize 128, SpecialCase: all-zero IV and tag)
    [DataRow("00112233445566778899aabbccddeeff", "00000000000000000000000000000000", "",
        "bec6fa05c1718b9b84c47345bbed7dcb", "45a3f89d02918bfd0c8161658ccc9795", "00000000000000000000000000000000")]
    // tcId 169 (keySize 192, ivSize 128, SpecialCase)
    [DataRow("00112233445566778899aabbccddeeff1021324354657687", "00000000000000000000000000000000", "",
        "5c7d3f81d4b5055ed6f8db53614587a4", "541b835dc828d541073f7d7d7504ebf5", "00000000000000000000000000000000")]
    // tcId 172 (keySize 192, ivSize 128)
    [DataRow("cee9abbc26b63e169f0ced621fe21d95904e75b881d93e6b", "1e8259e0a43e571068f701cd2064fc0c", "", "46", "dc", "af1f5535b125b34fc466902ea40cb3a2")]
    // tcId 175 (keySize 192, ivSize 128)
    [DataRow("998750ba784841e40a7c5b03985732b6397e5459a3843954", "1d3d62eccd8ac5e896f2654a7f606fc9", "",
        "2f60ca3494a958dc3e6ebeb5d0b4e6dda0d0c4331ab9c957f6422a5100878ebf",
        "344c2cea17b06cb3da272e22a22a3a71ee0eaa1959a7facfff464660ddccedd1", "bab7fbf499ff06aad5f757b1c1a4fcc0")]
    // tcId 253 (keySize 256, ivSize 128, SpecialCase: all-one IV and tag)
    [DataRow("00112233445566778899aabbccddeeff102132435465768798a9bacbdcedfe0f", "ffffffffffffffffffffffffffffffff", "",
        "884df0e76f3ce227bf9595d103825a46", "988f47668ea650cbaa6714711abe268d", "ffffffffffffffffffffffffffffffff")]
    // tcId 254 (keySize 256, ivSize 128, empty message)
    [DataRow("b4cd11db0b3e0b9b34eafd9fe027746976379155e76116afde1b96d21298e34f", "00c49f4ebb07393f07ebc3825f7b0830", "", "", "",
        "306fe8c9645cc849823e333a685b90b2")]
    // tcId 256 (keySize 256, ivSize 128)
    [DataRow("4c010d9561c7234c308c01cea3040c925a9f324dc958ff904ae39b37e60e1e03", "2a55caa137c5b0b66cf3809eb8f730c4", "",
        "2a093c9ed72b8ff4994201e9f9e010", "041341078f0439e50b43c991635117", "5b8a2f2da20ef657c903da88ef5f57bb")]
    // tcId 258 (keySize 256, ivSize 128)
    [DataRow("4f84782bfbb64a973c3de3dcfa3430367fd68bc0b4c3b31e5d7c8141ba3e6a67", "5d1bde6fa0994b33efd8f23f531248a7", "",
        "78cb6650a1908a842101ea85804fed00cc56fbdafafba0ef4d1ca607dcae57b6",
        "cb960201fa5ad41d41d1c2c8037c71d52b72e76b16b589d71b976627c9734c9d", "8dfce16467c3a6ebb3e7242c9a551962")]
    public void Gcm_with_a_16_byte_nonce_matches_wycheproof(string key, string iv, string aad, string msg, string ct, string tag)
    {
        // Arrange
        using var cipher = AesCipher.Create(Hex(key));
        byte[]? associated = aad.Length == 0 ? null : Hex(aad);
        byte[] output = new byte[msg.Length / 2 + AesCipher.TagSize];

        // Act
        cipher.TryEncryptGcm(Hex(msg), Hex(iv), associated, output).Should().BeTrue();
        var opened = cipher.TryDecryptGcm(Hex(ct), Hex(tag), Hex(iv), associated, out var plaintext);

        // Assert
        output.Should().Equal([.. Hex(ct), .. Hex(tag)]);
        opened.Should().BeTrue();
        plaintext.Should().Equal(Hex(msg));
    }

    // Wycheproof aes_gcm_test.json tcId 71, used below to tamper with each input in turn.
    private static readonly byte[] s_key71 = Hex("2034a82547276c83dd3212a813572bce");
    private static readonly byte[] s_iv71 = Hex("3254202d854734812398127a3d134421");
    private static readonly byte[] s_aad71 = Hex("1a0293d8f90219058902139013908190bc490890d3ff12a3");
    private static readonly byte[] s_ct71 = Hex("64069c2d58690561f27ee199e6b479b6369eec688672bde9");
    private static readonly byte[] s_tag71 = Hex("9b7abadd6e69c1d9ec925786534f5075");

    [TestMethod]
    [DataRow("tag")]
    [DataRow("ciphertext")]
    [DataRow("aad")]
    [DataRow("iv")]
    [DataRow("no aad")]
    public void Gcm_decryption_refuses_a_tampered_input(string what)
    {
        // Arrange
        using var cipher = AesCipher.Create(s_key71);
        byte[] ct = (byte[])s_ct71.Clone(), tag = (byte[])s_tag71.Clone(), iv = (byte[])s_iv71.Clone();
        byte[]? aad = (byte[])s_aad71.Clone();
        switch (what)
        {
            case "tag": tag[15] ^= 0x01; break;
            case "ciphertext": ct[0] ^= 0x80; break;
            case "aad": aad[^1] ^= 0x01; break;
            case "iv": iv[3] ^= 0x10; break;
            default: aad = null; break;
        }

        // Act
        var opened = cipher.TryDecryptGcm(ct, tag, iv, aad, out var plaintext);

        // Assert
        opened.Should().BeFalse();
        plaintext.Should().BeEmpty();
        cipher.TryDecryptGcm(s_ct71, s_tag71, s_iv71, s_aad71, out _).Should().BeTrue("a failure leaves the cipher usable");
    }

    [TestMethod]
    public void Gcm_encryption_refuses_the_nonce_of_the_previous_encryption()
    {
        // Arrange
        using var cipher = AesCipher.Create(s_key71);
        byte[] output = new byte[s_ct71.Length + AesCipher.TagSize];
        cipher.TryEncryptGcm(new byte[24], s_iv71, null, output).Should().BeTrue();

        // Act
        var again = cipher.TryEncryptGcm(new byte[24], (byte[])s_iv71.Clone(), null, output);

        // Assert
        again.Should().BeFalse();
        cipher.TryEncryptGcm(new byte[24], Hex("3254202d854734812398127a3d134422"), null, output).Should().BeTrue();
    }

    [TestMethod]
    public void Gcm_encryption_may_use_the_nonce_a_decryption_just_used()
    {
        // Arrange: a caller decrypts with nonce X (here the tag is wrong); then the device's entropy yields X.
        using var cipher = AesCipher.Create(s_key71);
        cipher.TryDecryptGcm(s_ct71, new byte[AesCipher.TagSize], s_iv71, null, out _).Should().BeFalse();
        byte[] output = new byte[s_ct71.Length + AesCipher.TagSize];

        // Act: a decryption nonce is not an earlier encryption under this key, so nothing is reused.
        var encrypted = cipher.TryEncryptGcm(new byte[s_ct71.Length], (byte[])s_iv71.Clone(), null, output);

        // Assert
        encrypted.Should().BeTrue();
        cipher.TryDecryptGcm(output.AsSpan(0, s_ct71.Length), output.AsSpan(s_ct71.Length), s_iv71, null, out var plaintext)
            .Should().BeTrue();
        plaintext.Should().Equal(new byte[s_ct71.Length]);
    }

    [TestMethod]
    public void A_disposed_cipher_refuses_every_operation()
    {
        // Arrange
        var cipher = AesCipher.Create(s_key71);
        byte[] output = new byte[16 + AesCipher.TagSize];
        cipher.TryEncryptGcm(new byte[16], (byte[])s_iv71.Clone(), null, output).Should().BeTrue();

        // Act
        cipher.Dispose();

        // Assert: nothing computes with a wiped key.
        cipher.Invoking(c => c.TryDecryptGcm(output.AsSpan(0, 16).ToArray(), output.AsSpan(16).ToArray(), s_iv71, null, out _))
            .Should().Throw<ObjectDisposedException>();
        cipher.Invoking(c => c.TryEncryptGcm(new byte[16], new byte[16], null, new byte[32])).Should().Throw<ObjectDisposedException>();
        cipher.Invoking(c => c.EncryptEcb(new byte[16])).Should().Throw<ObjectDisposedException>();
        cipher.Invoking(c => c.Wrap(new byte[16], AesCipher.DefaultWrapIv)).Should().Throw<ObjectDisposedException>();
    }
}
