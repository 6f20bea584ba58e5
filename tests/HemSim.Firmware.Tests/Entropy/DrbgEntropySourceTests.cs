using FluentAssertions;
using HemSim.Firmware.Entropy;

namespace HemSim.Firmware.Tests.Entropy;

[TestClass]
public sealed class DrbgEntropySourceTests
{
    [TestMethod]
    public void Is_not_deterministic()
    {
        using var source = new DrbgEntropySource();

        source.IsDeterministic.Should().BeFalse();
    }

    [TestMethod]
    public void Default_source_gives_different_bytes_on_every_fill()
    {
        // Arrange
        using var source = new DrbgEntropySource();
        byte[] first = new byte[32];
        byte[] second = new byte[32];

        // Act
        source.Fill(first);
        source.Fill(second);

        // Assert
        first.Should().NotEqual(second);
        first.Should().NotEqual(new byte[32]);
        source.HasFailed.Should().BeFalse();
    }

    [TestMethod]
    public void Power_on_runs_the_startup_test_then_seeds_with_48_noise_bytes()
    {
        // Arrange
        var noise = new FaultableNoise();

        // Act
        using var source = new DrbgEntropySource(noise);

        // Assert: 1024 start-up samples (SP 800-90B §4.3), then 32 bytes entropy input + 16 bytes nonce.
        noise.ReadLengths.Should().Equal(HealthTestedNoiseSource.StartupSampleCount, 48);
    }

    [TestMethod]
    public void Output_is_hmac_drbg_over_the_tested_noise()
    {
        // Arrange: the same noise stream, replayed by hand into HmacDrbg.
        byte[] personalization = "serial 1234"u8.ToArray();
        using var source = new DrbgEntropySource(new FaultableNoise(seed: 7), personalization);
        byte[] noise = new byte[HealthTestedNoiseSource.StartupSampleCount + 48 + 16];
        new FaultableNoise(seed: 7).Read(noise);
        byte[] seed = noise[HealthTestedNoiseSource.StartupSampleCount..^16];
        byte[] freshNoise = noise[^16..];
        byte[] actual = new byte[100];

        // Act
        source.Fill(actual);

        // Assert
        using var drbg = new HmacDrbg(seed[..32], seed[32..], personalization);
        byte[] expected = new byte[100];
        drbg.Generate(expected, freshNoise);
        actual.Should().Equal(expected);
    }

    [TestMethod]
    public void Large_fill_is_split_into_7500_byte_requests()
    {
        // Arrange
        using var source = new DrbgEntropySource(new FaultableNoise(seed: 3));
        byte[] noise = new byte[HealthTestedNoiseSource.StartupSampleCount + 48 + 16];
        new FaultableNoise(seed: 3).Read(noise);
        byte[] seed = noise[HealthTestedNoiseSource.StartupSampleCount..^16];
        byte[] actual = new byte[20_000];

        // Act
        source.Fill(actual);

        // Assert: 7500 + 7500 + 5000, fresh noise in the first request only.
        using var drbg = new HmacDrbg(seed[..32], seed[32..], []);
        byte[] expected = new byte[20_000];
        drbg.Generate(expected.AsSpan(0, 7500), noise[^16..]);
        drbg.Generate(expected.AsSpan(7500, 7500));
        drbg.Generate(expected.AsSpan(15_000, 5000));
        actual.Should().Equal(expected);
    }

    [TestMethod]
    public void Reseeds_after_the_interval()
    {
        // Arrange
        var noise = new FaultableNoise();
        using var source = new DrbgEntropySource(noise, [], reseedInterval: 2, DrbgSelfTest.Run);
        byte[] output = new byte[DrbgEntropySource.SmallFillLimit + 1];

        // Act
        source.Fill(output);
        source.Fill(output);
        int reseedsAfterTwo = source.ReseedCount;
        source.Fill(output);

        // Assert: start-up, seed, then 16 fresh bytes per fill and 32 bytes of entropy input for the reseed.
        reseedsAfterTwo.Should().Be(0);
        source.ReseedCount.Should().Be(1);
        noise.ReadLengths.Should().Equal(HealthTestedNoiseSource.StartupSampleCount, 48, 16, 16, 16, 32);
    }

    [TestMethod]
    public void Small_fills_come_from_one_block_made_with_the_noise_they_read()
    {
        // Arrange: the same noise stream, replayed by hand into HmacDrbg.
        using var source = new DrbgEntropySource(new FaultableNoise(seed: 9));
        byte[] noise = new byte[HealthTestedNoiseSource.StartupSampleCount + 48 + 16];
        new FaultableNoise(seed: 9).Read(noise);
        byte[] seed = noise[HealthTestedNoiseSource.StartupSampleCount..^16];
        byte[] first = new byte[16];
        byte[] second = new byte[DrbgEntropySource.SmallFillLimit];

        // Act
        source.Fill(first);
        source.Fill(second);

        // Assert: one 4 KiB request whose additional input is the first fill's noise; the fills take it in turn.
        using var drbg = new HmacDrbg(seed[..32], seed[32..], []);
        byte[] block = new byte[4096];
        drbg.Generate(block, noise[^16..]);
        first.Should().Equal(block[..16]);
        second.Should().Equal(block[16..(16 + DrbgEntropySource.SmallFillLimit)]);
    }

    [TestMethod]
    public void Every_small_fill_still_reads_and_tests_fresh_noise()
    {
        // Arrange
        var noise = new FaultableNoise();
        using var source = new DrbgEntropySource(noise);

        // Act
        for (int i = 0; i < 3; i++)
        {
            source.Fill(new byte[16]);
        }

        // Assert
        noise.ReadLengths.Should().Equal(HealthTestedNoiseSource.StartupSampleCount, 48, 16, 16, 16);
    }

    [TestMethod]
    public void The_next_block_takes_the_noise_of_every_small_fill_since_the_last_one()
    {
        // Arrange: 256 fills of 16 bytes use up the first block; the 257th makes the second.
        using var source = new DrbgEntropySource(new FaultableNoise(seed: 4));
        const int Fills = 257;
        byte[] noise = new byte[HealthTestedNoiseSource.StartupSampleCount + 48 + 16 * Fills];
        new FaultableNoise(seed: 4).Read(noise);
        int freshStart = HealthTestedNoiseSource.StartupSampleCount + 48;
        byte[] seed = noise[HealthTestedNoiseSource.StartupSampleCount..freshStart];
        byte[] last = new byte[16];

        // Act
        for (int i = 0; i < Fills; i++)
        {
            source.Fill(last);
        }

        // Assert: the second block's additional input is the XOR of the noise read by fills 2 to 257.
        byte[] accumulated = new byte[16];
        for (int fill = 1; fill < Fills; fill++)
        {
            for (int i = 0; i < 16; i++)
            {
                accumulated[i] ^= noise[freshStart + 16 * fill + i];
            }
        }
        using var drbg = new HmacDrbg(seed[..32], seed[32..], []);
        byte[] block = new byte[4096];
        drbg.Generate(block, noise[freshStart..(freshStart + 16)]);
        drbg.Generate(block, accumulated);
        last.Should().Equal(block[..16]);
    }

    [TestMethod]
    public void Large_fill_reseeds_between_requests_when_the_interval_runs_out()
    {
        // Arrange
        using var source = new DrbgEntropySource(new FaultableNoise(), [], reseedInterval: 1, DrbgSelfTest.Run);
        byte[] output = new byte[3 * HmacDrbg.MaxBytesPerRequest];

        // Act
        source.Fill(output);

        // Assert
        source.ReseedCount.Should().Be(2);
        output.Chunk(HmacDrbg.OutLength).Select(Convert.ToHexString).Should().OnlyHaveUniqueItems();
    }

    [TestMethod]
    public void Repetition_count_test_fails_on_stuck_noise()
    {
        // Arrange: a TRNG stuck from power-on.
        using var source = new DrbgEntropySource(FaultableNoise.StuckAt(0x5A));

        // Act
        Action act = () => source.Fill(new byte[32]);

        // Assert
        source.HasFailed.Should().BeTrue();
        act.Should().Throw<EntropyFailureException>().WithMessage("*repetition count test*");
    }

    [TestMethod]
    public void Adaptive_proportion_test_fails_on_biased_noise()
    {
        // Arrange: every other sample is 0x00 — no runs, so only the adaptive proportion test can notice.
        var noise = new FaultableNoise();
        noise.Produce(index => index % 2 == 0 ? (byte)0 : (byte)(1 + index / 2 % 255));
        using var source = new DrbgEntropySource(noise);

        // Act
        Action act = () => source.Fill(new byte[32]);

        // Assert
        act.Should().Throw<EntropyFailureException>().WithMessage("*adaptive proportion test*");
    }

    [TestMethod]
    public void Stuck_noise_after_boot_makes_the_next_fill_throw()
    {
        // Arrange: healthy at power-on, then the TRNG sticks (the simulator's injected TRNG fault).
        var noise = new FaultableNoise();
        using var source = new DrbgEntropySource(noise);
        source.Fill(new byte[32]);
        noise.Stick(0xFF);

        // Act
        Action act = () => source.Fill(new byte[32]);

        // Assert
        act.Should().Throw<EntropyFailureException>();
        source.HasFailed.Should().BeTrue();
    }

    [TestMethod]
    public void Failed_source_stays_failed()
    {
        // Arrange
        var noise = new FaultableNoise();
        using var source = new DrbgEntropySource(noise);
        noise.Stick(0x00);
        source.Invoking(s => s.Fill(new byte[32])).Should().Throw<EntropyFailureException>();
        noise.Heal();
        long samplesBefore = noise.SamplesRead;

        // Act
        Action act = () => source.Fill(new byte[32]);

        // Assert: still failed, and the healed noise is not even read.
        act.Should().Throw<EntropyFailureException>();
        act.Should().Throw<EntropyFailureException>();
        source.Invoking(s => s.Fill([])).Should().Throw<EntropyFailureException>();
        noise.SamplesRead.Should().Be(samplesBefore);
    }

    [TestMethod]
    public void Failed_fill_leaves_the_destination_zeroed()
    {
        // Arrange
        var noise = new FaultableNoise();
        using var source = new DrbgEntropySource(noise);
        byte[] destination = Enumerable.Repeat((byte)0xEE, 64).ToArray();
        noise.Stick(0x42);

        // Act
        source.Invoking(s => s.Fill(destination)).Should().Throw<EntropyFailureException>();

        // Assert
        destination.Should().OnlyContain(b => b == 0);
    }

    [TestMethod]
    public void Self_test_failure_throws_at_construction()
    {
        Action act = () => _ = new DrbgEntropySource(new FaultableNoise(), [], HmacDrbg.DefaultReseedInterval, () => false);

        act.Should().Throw<EntropyFailureException>().WithMessage("*self-test*");
    }

    [TestMethod]
    public void Empty_fill_reads_no_noise()
    {
        // Arrange
        var noise = new FaultableNoise();
        using var source = new DrbgEntropySource(noise);
        long samplesBefore = noise.SamplesRead;

        // Act
        source.Fill([]);

        // Assert
        noise.SamplesRead.Should().Be(samplesBefore);
    }

    [TestMethod]
    public void Disposed_source_refuses_to_fill()
    {
        // Arrange
        var source = new DrbgEntropySource(new FaultableNoise());

        // Act
        source.Dispose();

        // Assert
        source.Invoking(s => s.Fill(new byte[16])).Should().Throw<ObjectDisposedException>();
    }
}
