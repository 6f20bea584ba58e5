using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>
/// The six digests of spec §18.1 and their HMAC: published known answers (RFC 4231, Wycheproof, FIPS 180-4/202
/// examples), the BouncyCastle fallback against .NET, names and sizes.
/// </summary>
[TestClass]
public sealed class DigestTests
{
    private static Digest Named(string name) =>
        Digest.TryParse(name, out var digest) ? digest : throw new ArgumentException(name, nameof(name));

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    // RFC 4231 §4.2–§4.8 test cases 1–4, 6, 7 (case 5, truncated output, is in the next test).
    private const string Rfc4231Key3 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Rfc4231Data3 = "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";
    private const string Rfc4231Key4 = "0102030405060708090a0b0c0d0e0f10111213141516171819";
    private const string Rfc4231Data4 = "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";
    private const string Rfc4231Key131 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Rfc4231Data6 = "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374";
    private const string Rfc4231Data7 = "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e";

    [TestMethod]
    [DataRow("SHA2-256", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [DataRow("SHA2-384", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6")]
    [DataRow("SHA2-512", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")]
    [DataRow("SHA2-256", "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [DataRow("SHA2-384", "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649")]
    [DataRow("SHA2-512", "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")]
    [DataRow("SHA2-256", Rfc4231Key3, Rfc4231Data3, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")]
    [DataRow("SHA2-384", Rfc4231Key3, Rfc4231Data3, "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27")]
    [DataRow("SHA2-512", Rfc4231Key3, Rfc4231Data3, "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb")]
    [DataRow("SHA2-256", Rfc4231Key4, Rfc4231Data4, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")]
    [DataRow("SHA2-384", Rfc4231Key4, Rfc4231Data4, "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb")]
    [DataRow("SHA2-512", Rfc4231Key4, Rfc4231Data4, "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd")]
    [DataRow("SHA2-256", Rfc4231Key131, Rfc4231Data6, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    [DataRow("SHA2-384", Rfc4231Key131, Rfc4231Data6, "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952")]
    [DataRow("SHA2-512", Rfc4231Key131, Rfc4231Data6, "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598")]
    [DataRow("SHA2-256", Rfc4231Key131, Rfc4231Data7, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")]
    [DataRow("SHA2-384", Rfc4231Key131, Rfc4231Data7, "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e")]
    [DataRow("SHA2-512", Rfc4231Key131, Rfc4231Data7, "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58")]
    public void Mac_matches_rfc_4231(string name, string key, string data, string expected)
    {
        // Act
        var mac = Named(name).Mac(Hex(key), Hex(data));

        // Assert
        Convert.ToHexStringLower(mac).Should().Be(expected);
    }

    [TestMethod]
    [DataRow("SHA2-256", "a3b6167473100ee06e0c796c2955552b")]
    [DataRow("SHA2-384", "3abf34c3503b2a23a46efc619baef897")]
    [DataRow("SHA2-512", "415fad6271580a531d4179bc891d87a6")]
    public void Mac_truncated_to_128_bits_matches_rfc_4231_test_case_5(string name, string expected)
    {
        // RFC 4231 §4.6: key 0x0c × 20, data "Test With Truncation"; only the first 128 bits are given.
        var mac = Named(name).Mac(Hex("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c"), "Test With Truncation"u8);

        Convert.ToHexStringLower(mac[..16]).Should().Be(expected);
    }

    [TestMethod]
    // C2SP/wycheproof testvectors_v1/hmac_sha3_256_test.json, tcIds 1, 2, 17.
    [DataRow("SHA3-256", "1e225cafb90339bba1b24076d4206c3e79c355805d851682bc818baa4f5a7779", "", "a3c58470afa8835d6e2357fb7b1cd07f8c4bc4c7874ca59d83163f046a9e227e")]
    [DataRow("SHA3-256", "8159fd15133cd964c9a6964c94f0ea269a806fd9f43f0da58b6cd1b33d189b2a", "77", "f709a35d41e82e36955512bf5fc1af0c1a9c580ff8fc3199bcb7454027029282")]
    [DataRow("SHA3-256", "6fa353868c82e5deeedac7f09471a61bf749ab5498239e947e012eee3c82d7c4", "aeed3e4d4cb9bbb60d482e98c126c0f5", "4c5198e69a42db2d77aae9975c96429970a4bc64dd906d8cb16883a216a3f304")]
    // C2SP/wycheproof testvectors_v1/hmac_sha3_384_test.json, tcIds 1, 2, 17.
    [DataRow("SHA3-384", "ee8df067857df2300fa71a10c30997178bb3796127b5ece5f2ccc170932be0e78ea9b0a5936c09157e671ce7ec9fc510", "", "7c87e3bf2a63428c2005a82c1ef0e0152537ce7a6f49344f3a85274724e075f9c833b6b2e6dd257e60222e7126312426")]
    [DataRow("SHA3-384", "976696c0dc97182ca771975c3928ff9168ef89cd740cd2292858fd916068a702bc1df7c6cd8ee1f0d25e61d4c514cc5d", "2b", "b9c77f78d4e7928219105b1fa64d24a98a81816ca0c714d5424d0882ce7bb7be04b5bb4ac2a0092b4f5ce06f04c8654a")]
    [DataRow("SHA3-384", "503d7478a773b694d6e552c9703cc8bc56fd49fafc9a17cab8b0332dca8d49336fa7e9ec2bcb56253fe5bb504e3e7f7f", "d96e6fed893addfd9237c81c4f4e341b", "8651de548c5110fe0112d26c7e0a2f244f84aeff6baf5267cfd3afdb544bb0a5c1b29e9b78a2e9499e2c4f62c0f16e4a")]
    // C2SP/wycheproof testvectors_v1/hmac_sha3_512_test.json, tcIds 1, 2, 17.
    [DataRow("SHA3-512", "5365244bb43f23f18dfc86c09d62db4741138bec1fbddc282d295e0a098eb5c3e37bd6f4cc16d5ce7d77b1d474a1eb4db313cc0c24e48992ac125196549df9a8", "", "8327dc85e33898f05724b34a89dfc74f2581b228203ff148f7c86aa328e0e5330c00015d1d983ab005fbc18d3695f2dd5f304bab7a4b7c34f6d010ca0af1acf5")]
    [DataRow("SHA3-512", "00698977f7102c67b594166919aa99dc3e58c7b6697a6422e238d04d2f57b2c74e4e84f5c4c6b792952df72f1c09244802f0bcf8752efb90e836110703bfa21c", "01", "84185a2890b3f4c5ef8723c292db676c69104e7ff7def5ecf26928a41626d2b16b063d8a9df03917498467f5abd7af3c6c732957f67cb800a517b26963142a1d")]
    [DataRow("SHA3-512", "f5e2b9e2313f4f807cb3a924a7d4943fc3fb475d8f1a1b40ce09a37770f621af8977729cadf986c98c75f08a4fab4280538e09e7e51e87a8d62c03411bdb8d24", "74ef623c83275ae99745bff7e6142afa", "8d0acc11d6c6992ad16a5e7070236a1000b0f1ccd1c98849eeca395a0daf5f404c8d272257ecbf8bd84c42de302fe368d6c308e4639f2ecd2d91f3dda6a0d8e6")]
    public void Mac_matches_wycheproof_hmac_sha3(string name, string key, string msg, string tag)
    {
        var digest = Named(name);

        Convert.ToHexStringLower(digest.Mac(Hex(key), Hex(msg))).Should().Be(tag);
        Convert.ToHexStringLower(digest.MacManaged(Hex(key), Hex(msg))).Should().Be(tag, "the BouncyCastle fallback");
    }

    [TestMethod]
    // FIPS 180-4 examples (NIST CSRC "Example Values"): "abc".
    [DataRow("SHA2-256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [DataRow("SHA2-384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")]
    [DataRow("SHA2-512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    // FIPS 202 examples (NIST CSRC "Example Values"): "abc".
    [DataRow("SHA3-256", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")]
    [DataRow("SHA3-384", "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25")]
    [DataRow("SHA3-512", "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0")]
    public void Hash_of_abc_matches_the_fips_examples(string name, string expected)
    {
        var digest = Named(name);

        Convert.ToHexStringLower(digest.Hash("abc"u8)).Should().Be(expected);
        Convert.ToHexStringLower(digest.HashManaged("abc"u8)).Should().Be(expected, "the BouncyCastle fallback");
    }

    [TestMethod]
    // FIPS 202 examples: the empty message (SHA3-x "Msg0").
    [DataRow("SHA3-256", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")]
    [DataRow("SHA3-384", "0c63a75b845e4f7d01107d852e4c2485c51a50aaaa94fc61995e71bbee983a2ac3713831264adb47fb6bd1e058d5f004")]
    [DataRow("SHA3-512", "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a615b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26")]
    public void Hash_of_the_empty_message_matches_the_fips_202_examples(string name, string expected)
    {
        Convert.ToHexStringLower(Named(name).Hash([])).Should().Be(expected);
    }

    [TestMethod]
    public void The_bouncycastle_fallback_equals_dotnet_for_every_digest_and_length()
    {
        foreach (var digest in Digest.All)
        {
            // Lengths around the SHA-2 (64/128) and SHA-3 rate (72/104/136/144) block boundaries, keys shorter and longer than a block.
            foreach (var length in new[] { 0, 1, 63, 64, 65, 71, 72, 103, 104, 127, 128, 135, 136, 137, 200, 1000 })
            {
                var data = RandomNumberGenerator.GetBytes(length);
                var key = RandomNumberGenerator.GetBytes(1 + (length % 180));

                digest.HashManaged(data).Should().Equal(digest.Hash(data), $"{digest} hash of {length} bytes");
                digest.MacManaged(key, data).Should().Equal(digest.Mac(key, data), $"{digest} HMAC of {length} bytes");
            }
        }
    }

    [TestMethod]
    [DataRow("SHA2-256", 32)]
    [DataRow("SHA2-384", 48)]
    [DataRow("SHA2-512", 64)]
    [DataRow("SHA3-256", 32)]
    [DataRow("SHA3-384", 48)]
    [DataRow("SHA3-512", 64)]
    public void Parse_takes_the_exact_spec_spelling_and_sizes_are_properties(string name, int size)
    {
        Digest.TryParse(name, out var digest).Should().BeTrue();
        digest!.Name.Should().Be(name);
        digest.ToString().Should().Be(name);
        digest.HashSize.Should().Be(size);
        digest.Hash([]).Should().HaveCount(size);
        digest.Mac([], []).Should().HaveCount(size);
        Digest.All.Should().Contain(digest);
    }

    [TestMethod]
    [DataRow("sha2-256")]
    [DataRow("SHA256")]
    [DataRow("SHA-256")]
    [DataRow("SHA2-224")]
    [DataRow("SHA3-256 ")]
    [DataRow("")]
    [DataRow(null)]
    public void Parse_refuses_every_other_spelling(string? name)
    {
        Digest.TryParse(name, out var digest).Should().BeFalse();
        digest.Should().BeNull();
    }

    [TestMethod]
    public void The_hmac_key_types_map_to_their_digest_and_no_other_type_does()
    {
        foreach (var type in Enum.GetValues<KeyType>())
        {
            var expected = KeyTypes.WireName(type) is var wire && wire.StartsWith("SHA", StringComparison.Ordinal) ? wire : null;

            Digest.TryForHmacKey(type, out var digest).Should().Be(expected is not null, type.ToString());
            digest?.Name.Should().Be(expected);
        }
    }

    [TestMethod]
    public void Mac_takes_keys_of_any_length_as_rfc_2104_does()
    {
        // A key longer than the block is hashed first (RFC 2104 §2), so HMAC(K) = HMAC(H(K)) for such a key.
        var longKey = Encoding.ASCII.GetBytes(new string('k', 200));

        Digest.Sha3_256.Mac(longKey, "m"u8).Should().Equal(Digest.Sha3_256.Mac(Digest.Sha3_256.Hash(longKey), "m"u8));
        Digest.Sha2_512.Mac(longKey, "m"u8).Should().Equal(Digest.Sha2_512.Mac(Digest.Sha2_512.Hash(longKey), "m"u8));
    }
}
