using FluentAssertions;
using HemSim.Firmware.Entropy;

namespace HemSim.Firmware.Tests.Entropy;

[TestClass]
public sealed class DeterministicEntropySourceTests
{
    private static readonly byte[] s_seed = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    [TestMethod]
    public void Is_deterministic()
    {
        using var source = new DeterministicEntropySource(s_seed);

        source.IsDeterministic.Should().BeTrue();
    }

    [TestMethod]
    public void Warning_says_it_is_not_secure()
    {
        DeterministicEntropySource.Warning.Should().StartWith("INSECURE").And.Contain("test rigs only");
    }

    [TestMethod]
    public void Same_seed_gives_same_bytes()
    {
        // Arrange
        using var first = new DeterministicEntropySource(s_seed, "boot 1"u8);
        using var second = new DeterministicEntropySource(s_seed, "boot 1"u8);

        // Act
        byte[] a = Fill(first, 16, 32, 9000);
        byte[] b = Fill(second, 16, 32, 9000);

        // Assert
        a.Should().Equal(b);
    }

    [TestMethod]
    public void Different_personalization_gives_different_bytes()
    {
        // Arrange
        using var boot1 = new DeterministicEntropySource(s_seed, "boot 1"u8);
        using var boot2 = new DeterministicEntropySource(s_seed, "boot 2"u8);

        // Act & Assert
        Fill(boot1, 32).Should().NotEqual(Fill(boot2, 32));
    }

    [TestMethod]
    public void Different_seed_gives_different_bytes()
    {
        // Arrange
        byte[] otherSeed = (byte[])s_seed.Clone();
        otherSeed[^1] ^= 1;
        using var source = new DeterministicEntropySource(s_seed);
        using var other = new DeterministicEntropySource(otherSeed);

        // Act & Assert
        Fill(source, 32).Should().NotEqual(Fill(other, 32));
    }

    [TestMethod]
    public void Output_is_hmac_drbg_with_the_seed_and_the_fixed_nonce()
    {
        // Arrange: BouncyCastle's independent HMAC_DRBG with entropy input = seed, nonce = "HemSim deterministic".
        byte[] personalization = [0, 0, 0, 42];
        using var source = new DeterministicEntropySource(s_seed, personalization);
        var reference = new ReferenceHmacDrbg(s_seed, "HemSim deterministic"u8.ToArray(), personalization);

        // Act
        byte[] first = Fill(source, 64);
        byte[] second = Fill(source, 7);

        // Assert
        first.Should().Equal(reference.Generate(64, []));
        second.Should().Equal(reference.Generate(7, []));
    }

    [TestMethod]
    public void Output_is_stable_across_versions()
    {
        // Test rigs replay recorded runs: this value must never change. If it does, the change breaks every
        // recorded deterministic run and needs a release note, not a new expected value.
        // Expected value computed independently with Python's hmac/hashlib HMAC_DRBG (SP 800-90A §10.1.2):
        // entropy input 00..1f, nonce "HemSim deterministic", personalisation "boot 1", first 32 bytes.
        using var source = new DeterministicEntropySource(s_seed, "boot 1"u8);

        Convert.ToHexStringLower(Fill(source, 32)).Should().Be("4b03dc5844b73d0621e1429282a718cef7250065ed3f6cbcad1523c46627699b");
    }

    [TestMethod]
    public void Large_fill_works()
    {
        // Arrange
        using var source = new DeterministicEntropySource(s_seed);
        using var drbg = new HmacDrbg(s_seed, DeterministicEntropySource.Nonce, []);
        byte[] expected = new byte[20_000];
        drbg.Generate(expected.AsSpan(0, 7500));
        drbg.Generate(expected.AsSpan(7500, 7500));
        drbg.Generate(expected.AsSpan(15_000, 5000));

        // Act
        byte[] actual = Fill(source, 20_000);

        // Assert: the same 7,500-byte requests as the production source.
        actual.Should().Equal(expected);
    }

    [TestMethod]
    public void Empty_seed_is_rejected()
    {
        Action act = () => _ = new DeterministicEntropySource([]);

        act.Should().Throw<ArgumentException>();
    }

    /// <summary>Fills buffers of the given lengths in order and returns them concatenated.</summary>
    private static byte[] Fill(DeterministicEntropySource source, params int[] lengths)
    {
        byte[] all = new byte[lengths.Sum()];
        int offset = 0;
        foreach (int length in lengths)
        {
            source.Fill(all.AsSpan(offset, length));
            offset += length;
        }

        return all;
    }
}
