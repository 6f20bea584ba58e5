using System.Buffers.Binary;
using FluentAssertions;
using HemSim.Firmware.Auth;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Auth;

[TestClass]
public sealed class NonceStoreTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(1000);

    [TestMethod]
    public void Nonce_is_32_bytes_of_little_endian_time_then_random_bytes()
    {
        // Arrange
        var store = new NonceStore();
        var random = Enumerable.Range(1, 28).Select(i => (byte)i).ToArray();

        // Act
        var text = store.Issue(NonceKind.Login, 0x62310ba5, T0, new ScriptedEntropy(random));

        // Assert: spec §3.10.
        var bytes = Convert.FromBase64String(text);
        bytes.Should().HaveCount(32);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes).Should().Be(0x62310ba5);
        bytes[4..].Should().Equal(random);
        text.Should().Be(Convert.ToBase64String(bytes));
    }

    [TestMethod]
    public void Nonce_redeems_once()
    {
        // Arrange
        var store = new NonceStore();
        var nonce = store.Issue(NonceKind.Login, 1, T0, new ScriptedEntropy());

        // Act
        var first = store.TryConsume(NonceKind.Login, nonce, T0);
        var second = store.TryConsume(NonceKind.Login, nonce, T0);

        // Assert
        first.Should().BeTrue();
        second.Should().BeFalse();
    }

    [TestMethod]
    public void Nonce_of_another_flow_fails_and_is_left_for_its_own_flow()
    {
        // Arrange: a request of one flow must not burn a nonce issued for another (e.g. a forged check-in answer
        // carrying a pending passphrase-change nonce).
        var store = new NonceStore();
        var nonce = store.Issue(NonceKind.Init, 1, T0, new ScriptedEntropy());

        // Act
        var wrongFlow = store.TryConsume(NonceKind.Login, nonce, T0);
        var rightFlowAfterwards = store.TryConsume(NonceKind.Init, nonce, T0);
        var again = store.TryConsume(NonceKind.Init, nonce, T0);

        // Assert
        wrongFlow.Should().BeFalse();
        rightFlowAfterwards.Should().BeTrue();
        again.Should().BeFalse();
    }

    [TestMethod]
    [DataRow(59.999, true)]
    [DataRow(60.0, false)]
    public void Nonce_lives_60_seconds(double ageSeconds, bool redeemable)
    {
        // Arrange
        var store = new NonceStore();
        var nonce = store.Issue(NonceKind.Login, 1, T0, new ScriptedEntropy());

        // Act
        var redeemed = store.TryConsume(NonceKind.Login, nonce, T0 + TimeSpan.FromSeconds(ageSeconds));

        // Assert
        redeemed.Should().Be(redeemable);
    }

    [TestMethod]
    public void Nonce_outlives_the_expiry_of_older_nonces()
    {
        // Arrange
        var store = new NonceStore();
        var entropy = new ScriptedEntropy();
        store.Issue(NonceKind.Login, 1, T0, entropy);
        var young = store.Issue(NonceKind.Login, 1, T0 + TimeSpan.FromSeconds(50), entropy);

        // Act: issuing now purges the expired first nonce only.
        store.Issue(NonceKind.Login, 1, T0 + TimeSpan.FromSeconds(70), entropy);

        // Assert
        store.TryConsume(NonceKind.Login, young, T0 + TimeSpan.FromSeconds(71)).Should().BeTrue();
    }

    [TestMethod]
    public void Nonce_store_forgets_everything_on_clear()
    {
        // Arrange
        var store = new NonceStore();
        var nonce = store.Issue(NonceKind.Login, 1, T0, new ScriptedEntropy());

        // Act
        store.Clear();

        // Assert
        store.TryConsume(NonceKind.Login, nonce, T0).Should().BeFalse();
    }

    [TestMethod]
    public void Nonce_store_drops_the_oldest_nonce_when_full()
    {
        // Arrange
        var store = new NonceStore();
        var entropy = new ScriptedEntropy();
        var oldest = store.Issue(NonceKind.Login, 1, T0, entropy);
        var second = store.Issue(NonceKind.Login, 1, T0, entropy);
        for (var i = 0; i < 4095; i++)
        {
            store.Issue(NonceKind.Login, 1, T0, entropy);
        }

        // Act
        var oldestRedeemed = store.TryConsume(NonceKind.Login, oldest, T0);
        var secondRedeemed = store.TryConsume(NonceKind.Login, second, T0);

        // Assert
        oldestRedeemed.Should().BeFalse();
        secondRedeemed.Should().BeTrue();
    }
}
