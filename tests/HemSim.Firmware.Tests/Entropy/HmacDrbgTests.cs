using FluentAssertions;
using HemSim.Firmware.Entropy;

namespace HemSim.Firmware.Tests.Entropy;

[TestClass]
public sealed class HmacDrbgTests
{
    // Source: NIST CAVP DRBG test vectors, drbgvectors_pr_false/HMAC_DRBG.rsp, [SHA-256]
    // [PredictionResistance = False] [EntropyInputLen = 256] [NonceLen = 128] [ReturnedBitsLen = 1024], COUNT = 0 of
    // the groups (PersonalizationStringLen, AdditionalInputLen) = (0, 0), (0, 256), (256, 256).
    // CAVP procedure: instantiate, reseed, generate 1024 bits (discarded), generate 1024 bits = ReturnedBits.
    [TestMethod]
    [DataRow(
        "06032cd5eed33f39265f49ecb142c511da9aff2af71203bffaf34a9ca5bd9c0d",
        "0e66f71edc43e42a45ad3c6fc6cdc4df",
        "",
        "01920a4e669ed3a85ae8a33b35a74ad7fb2a6bb4cf395ce00334a9c9a5a5d552",
        "",
        "",
        "",
        "76fc79fe9b50beccc991a11b5635783a83536add03c157fb30645e611c2898bb2b1bc215000209208cd506cb28da2a51bdb03826aaf2bd2335d576d519160842e7158ad0949d1a9ec3e66ea1b1a064b005de914eac2e9d4f2d72a8616a80225422918250ff66a41bd2f864a6a38cc5b6499dc43f7f2bd09e1e0f8f5885935124",
        DisplayName = "CAVP pr_false SHA-256 pers=0 addl=0 COUNT=0")]
    [DataRow(
        "05ac9fc4c62a02e3f90840da5616218c6de5743d66b8e0fbf833759c5928b53d",
        "2b89a17904922ed8f017a63044848545",
        "",
        "2791126b8b52ee1fd9392a0a13e0083bed4186dc649b739607ac70ec8dcecf9b",
        "43bac13bae715092cf7eb280a2e10a962faf7233c41412f69bc74a35a584e54c",
        "3f2fed4b68d506ecefa21f3f5bb907beb0f17dbc30f6ffbba5e5861408c53a1e",
        "529030df50f410985fde068df82b935ec23d839cb4b269414c0ede6cffea5b68",
        "02ddff5173da2fcffa10215b030d660d61179e61ecc22609b1151a75f1cbcbb4363c3a89299b4b63aca5e581e73c860491010aa35de3337cc6c09ebec8c91a6287586f3a74d9694b462d2720ea2e11bbd02af33adefb4a16e6b370fa0effd57d607547bdcfbb7831f54de7073ad2a7da987a0016a82fa958779a168674b56524",
        DisplayName = "CAVP pr_false SHA-256 pers=0 addl=256 COUNT=0")]
    [DataRow(
        "cdb0d9117cc6dbc9ef9dcb06a97579841d72dc18b2d46a1cb61e314012bdf416",
        "d0c0d01d156016d0eb6b7e9c7c3c8da8",
        "6f0fb9eab3f9ea7ab0a719bfa879bf0aaed683307fda0c6d73ce018b6e34faaa",
        "8ec6f7d5a8e2e88f43986f70b86e050d07c84b931bcf18e601c5a3eee3064c82",
        "1ab4ca9014fa98a55938316de8ba5a68c629b0741bdd058c4d70c91cda5099b3",
        "16e2d0721b58d839a122852abd3bf2c942a31c84d82fca74211871880d7162ff",
        "53686f042a7b087d5d2eca0d2a96de131f275ed7151189f7ca52deaa78b79fb2",
        "dda04a2ca7b8147af1548f5d086591ca4fd951a345ce52b3cd49d47e84aa31a183e31fbc42a1ff1d95afec7143c8008c97bc2a9c091df0a763848391f68cb4a366ad89857ac725a53b303ddea767be8dc5f605b1b95f6d24c9f06be65a973a089320b3cc42569dcfd4b92b62a993785b0301b3fc452445656fce22664827b88f",
        DisplayName = "CAVP pr_false SHA-256 pers=256 addl=256 COUNT=0")]
    public void Drbg_matches_nist_cavp_vector_with_reseed(
        string entropyInput,
        string nonce,
        string personalization,
        string entropyInputReseed,
        string additionalInputReseed,
        string additionalInput1,
        string additionalInput2,
        string returnedBits)
    {
        // Arrange
        byte[] output = new byte[128];
        using var drbg = new HmacDrbg(Hex(entropyInput), Hex(nonce), Hex(personalization));

        // Act
        drbg.Reseed(Hex(entropyInputReseed), Hex(additionalInputReseed));
        drbg.Generate(output, Hex(additionalInput1));
        drbg.Generate(output, Hex(additionalInput2));

        // Assert
        Convert.ToHexStringLower(output).Should().Be(returnedBits);
    }

    // Source: NIST CAVP DRBG test vectors, drbgvectors_no_reseed/HMAC_DRBG.rsp, [SHA-256]
    // [PredictionResistance = False] [EntropyInputLen = 256] [NonceLen = 128] [PersonalizationStringLen = 0]
    // [AdditionalInputLen = 0] [ReturnedBitsLen = 1024], COUNT = 0.
    // CAVP procedure: instantiate, generate 1024 bits (discarded), generate 1024 bits = ReturnedBits.
    [TestMethod]
    public void Drbg_matches_nist_cavp_vector_without_reseed()
    {
        // Arrange
        byte[] output = new byte[128];
        using var drbg = new HmacDrbg(
            Hex("ca851911349384bffe89de1cbdc46e6831e44d34a4fb935ee285dd14b71a7488"),
            Hex("659ba96c601dc69fc902940805ec0ca8"),
            []);

        // Act
        drbg.Generate(output);
        drbg.Generate(output);

        // Assert
        Convert.ToHexStringLower(output).Should().Be(
            "e528e9abf2dece54d47c7e75e5fe302149f817ea9fb4bee6f4199697d04d5b89" +
            "d54fbb978a15b5c443c9ec21036d2460b6f73ebad0dc2aba6e624abf07745bc1" +
            "07694bb7547bb0995f70de25d6b29e2d3011bb19d27676c07162c8b5ccde0668" +
            "961df86803482cb37ed6d5c0bb8d50cf1f50d476aa0458bdaba806f48be9dcb8");
    }

    [TestMethod]
    [DataRow(32, 16, 0, 0, 32)]
    [DataRow(32, 16, 32, 32, 1)]
    [DataRow(48, 20, 7, 13, 33)]
    [DataRow(32, 16, 0, 64, 255)]
    [DataRow(64, 32, 100, 0, HmacDrbg.MaxBytesPerRequest)]
    public void Drbg_matches_independent_implementation(
        int entropyLength, int nonceLength, int personalizationLength, int additionalLength, int outputLength)
    {
        // Arrange: inputs derived from the row, so every row is different and reproducible.
        var random = new Random((((entropyLength * 31 + nonceLength) * 31 + personalizationLength) * 31 + additionalLength) * 31 + outputLength);
        byte[] Bytes(int length)
        {
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        byte[] entropy = Bytes(entropyLength);
        byte[] nonce = Bytes(nonceLength);
        byte[] personalization = Bytes(personalizationLength);
        using var drbg = new HmacDrbg(entropy, nonce, personalization);
        var reference = new ReferenceHmacDrbg(entropy, nonce, personalization);

        // Act & Assert: generate, reseed, generate again, with and without additional input.
        for (int round = 0; round < 3; round++)
        {
            byte[] additional = Bytes(additionalLength);
            byte[] output = new byte[outputLength];
            drbg.Generate(output, additional);
            output.Should().Equal(reference.Generate(outputLength, additional), "generate {0} must agree", round);

            drbg.Generate(output);
            output.Should().Equal(reference.Generate(outputLength, []), "generate {0} without additional input must agree", round);

            byte[] reseedEntropy = Bytes(entropyLength);
            byte[] reseedAdditional = Bytes(additionalLength);
            drbg.Reseed(reseedEntropy, reseedAdditional);
            reference.Reseed(reseedEntropy, reseedAdditional);
        }
    }

    [TestMethod]
    public void Drbg_requires_reseed_after_the_interval()
    {
        // Arrange
        byte[] output = new byte[16];
        using var drbg = new HmacDrbg(new byte[32], new byte[16], [], reseedInterval: 3);

        // Act
        drbg.Generate(output);
        drbg.Generate(output);
        bool requiredBeforeLast = drbg.ReseedRequired;
        drbg.Generate(output);

        // Assert
        requiredBeforeLast.Should().BeFalse();
        drbg.ReseedRequired.Should().BeTrue();
        drbg.ReseedCounter.Should().Be(4);
        drbg.Invoking(d => d.Generate(output)).Should().Throw<InvalidOperationException>();
    }

    [TestMethod]
    public void Reseed_clears_reseed_required()
    {
        // Arrange
        byte[] output = new byte[16];
        using var drbg = new HmacDrbg(new byte[32], new byte[16], [], reseedInterval: 1);
        drbg.Generate(output);

        // Act
        drbg.Reseed(new byte[32], []);

        // Assert
        drbg.ReseedRequired.Should().BeFalse();
        drbg.ReseedCounter.Should().Be(1);
        drbg.Invoking(d => d.Generate(output)).Should().NotThrow();
    }

    [TestMethod]
    public void Generate_rejects_requests_over_7500_bytes()
    {
        // Arrange
        using var drbg = new HmacDrbg(new byte[32], new byte[16], []);
        byte[] output = new byte[HmacDrbg.MaxBytesPerRequest + 1];

        // Act
        Action act = () => drbg.Generate(output);

        // Assert
        act.Should().Throw<ArgumentException>();
        drbg.ReseedCounter.Should().Be(1, "a rejected request is not counted");
    }

    [TestMethod]
    public void Disposed_drbg_refuses_to_generate()
    {
        // Arrange
        var drbg = new HmacDrbg(new byte[32], new byte[16], []);

        // Act
        drbg.Dispose();

        // Assert
        drbg.Invoking(d => d.Generate(new byte[16])).Should().Throw<ObjectDisposedException>();
        drbg.Invoking(d => d.Reseed(new byte[32], [])).Should().Throw<ObjectDisposedException>();
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
