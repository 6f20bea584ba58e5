using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Flash;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Keystore;

[TestClass]
public sealed class KeyStoreTests
{
    private static Func<IEntropySource> Source(IEntropySource entropy) => () => entropy;

    private static readonly Kid KidA = Kid.FromBytes(Enumerable.Repeat((byte)0xA1, 16).ToArray());
    private static readonly Kid KidB = Kid.FromBytes(Enumerable.Repeat((byte)0xB2, 16).ToArray());
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static AddOutcome Add(KeyStore store, Kid kid, byte[]? secret = null) =>
        store.TryAdd(kid, KeyType.Aes256, KeyFlags.Att | KeyFlags.Pkey, "label", [], null, secret ?? Secret, 1000, out _);

    [TestMethod]
    public void Key_store_seals_secrets_and_keeps_public_keys_readable_in_the_flash_file()
    {
        // Arrange
        using var folder = new TempFolder();
        var secrets = new List<byte[]>();
        var publicKeys = new List<byte[]>();
        using (var device = new TestDevice(new HemDeviceOptions { DataDirectory = folder.Path }))
        {
            device.Provision().Status.Should().Be(200);
            var token = device.Login("keymgmt:gen");
            foreach (var type in new[] { "AES256", "ED25519", "SECP256R1", "MLDSA44", "SHA3-512" })
            {
                device.Post("/api/keymgmt/create", new { label = type, type }, token).Status.Should().Be(200);
            }
            // The device's own private keys are sealed too: identity (eid), audit signing key (eid_sign).
            secrets.Add(device.Core.Identity.EidPrivate.ToArray());
            secrets.Add(device.Core.Identity.SignSeed.ToArray());
            foreach (var record in device.Core.Keys.Valid)
            {
                device.Core.Keys.TryOpenSecret(record, out var secret).Should().BeTrue();
                using (secret)
                {
                    secrets.Add(secret!.ToArray());
                }
                if (record.PublicKey.Length > 0)
                {
                    publicKeys.Add(record.PublicKey);
                }
            }
        }

        // Act
        var files = Directory.GetFiles(folder.Path, "flash*").Select(File.ReadAllBytes).ToList();

        // Assert
        secrets.Should().HaveCount(7);
        publicKeys.Should().HaveCount(3);
        foreach (var secret in secrets)
        {
            files.Should().AllSatisfy(bytes => Contains(bytes, secret).Should().BeFalse());
        }
        publicKeys.Should().AllSatisfy(key => files.Any(bytes => Contains(bytes, key)).Should().BeTrue());
    }

    [TestMethod]
    public void Key_store_refuses_to_open_a_tampered_sealed_secret()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var store = new KeyStore(flash, SecureElement.InMemory(Source(new ScriptedEntropy())), 4);
        Add(store, KidA).Should().Be(AddOutcome.Added);
        store.TryFind(KidA, out var record).Should().BeTrue();
        var tampered = (byte[])record.SealedSecret.Clone();
        tampered[^1] ^= 0x01;

        // Act
        var opened = store.TryOpenSecret(record with { SealedSecret = tampered }, out var secret);

        // Assert
        opened.Should().BeFalse();
        secret.Should().BeNull();
    }

    [TestMethod]
    public void Key_store_refuses_a_sealed_secret_moved_to_another_record()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var store = new KeyStore(flash, SecureElement.InMemory(Source(new ScriptedEntropy())), 4);
        Add(store, KidA).Should().Be(AddOutcome.Added);
        store.TryFind(KidA, out var record).Should().BeTrue();

        // Act: the blob is bound to its kid.
        var opened = store.TryOpenSecret(record with { Kid = KidB.ToBytes() }, out _);

        // Assert
        opened.Should().BeFalse();
    }

    [TestMethod]
    public void Key_store_opens_the_secret_it_sealed()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var store = new KeyStore(flash, SecureElement.InMemory(Source(new ScriptedEntropy())), 4);
        Add(store, KidA).Should().Be(AddOutcome.Added);
        store.TryFind(KidA, out var record).Should().BeTrue();

        // Act
        var opened = store.TryOpenSecret(record, out var secret);

        // Assert
        opened.Should().BeTrue();
        using (secret)
        {
            secret!.ToArray().Should().Equal(Secret);
        }
        record.SealedSecret.Should().HaveCount(12 + 32 + 16);
    }

    [TestMethod]
    public void Key_store_answers_full_and_writes_nothing_when_no_slot_is_free()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var store = new KeyStore(flash, SecureElement.InMemory(Source(new ScriptedEntropy())), 1);
        Add(store, KidA).Should().Be(AddOutcome.Added);

        // Act
        var outcome = Add(store, KidB);

        // Assert
        outcome.Should().Be(AddOutcome.Full);
        store.HasFreeSlot.Should().BeFalse();
        store.Total.Should().Be(1);
        flash.ReadSlots().Should().ContainSingle();
    }

    [TestMethod]
    public void Key_store_answers_duplicate_and_writes_nothing_for_an_existing_kid()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var store = new KeyStore(flash, SecureElement.InMemory(Source(new ScriptedEntropy())), 4);
        Add(store, KidA).Should().Be(AddOutcome.Added);
        var before = flash.ReadSlots().Single();

        // Act
        var outcome = Add(store, KidA, new byte[32]);

        // Assert
        outcome.Should().Be(AddOutcome.Duplicate);
        flash.ReadSlots().Should().ContainSingle().Which.Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Key_store_reloads_its_index_from_flash()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var secureElement = SecureElement.InMemory(Source(new ScriptedEntropy()));
        var first = new KeyStore(flash, secureElement, 4);
        Add(first, KidA).Should().Be(AddOutcome.Added);
        Add(first, KidB).Should().Be(AddOutcome.Added);

        // Act
        var reloaded = new KeyStore(flash, secureElement, 4);

        // Assert
        reloaded.Total.Should().Be(2);
        reloaded.Valid.Select(r => r.Slot).Should().Equal(0, 1);
        reloaded.TryFind(KidB, out var record).Should().BeTrue();
        reloaded.TryOpenSecret(record, out var secret).Should().BeTrue();
        secret!.Dispose();
    }

    [TestMethod]
    public void Key_store_finds_a_kid_given_in_upper_case()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var store = new KeyStore(flash, SecureElement.InMemory(Source(new ScriptedEntropy())), 4);
        Add(store, KidA).Should().Be(AddOutcome.Added);
        Kid.TryParse(KidA.Hex.ToUpperInvariant(), out var upper).Should().BeTrue();

        // Act
        var found = store.TryFind(upper!, out _);

        // Assert
        found.Should().BeTrue();
    }

    private static bool Contains(byte[] haystack, byte[] needle) =>
        haystack.AsSpan().IndexOf(needle) >= 0;

    private sealed class ProbeHandle : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    [TestMethod]
    public void A_handle_is_opened_once_per_record_and_disposed_when_the_key_is_deleted()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var store = new KeyStore(flash, SecureElement.InMemory(Source(new ScriptedEntropy())), 4);
        Add(store, KidA).Should().Be(AddOutcome.Added);
        store.TryFind(KidA, out var record).Should().BeTrue();
        int opened = 0;
        ProbeHandle Open(ReadOnlySpan<byte> secret)
        {
            secret.ToArray().Should().Equal(Secret);
            opened++;
            return new ProbeHandle();
        }
        store.TryOpenHandle(record, Open, out var first).Should().BeTrue();
        store.TryOpenHandle(record, Open, out var second).Should().BeTrue();

        // Act
        store.Delete(record, 2000);

        // Assert
        opened.Should().Be(1);
        second.Should().BeSameAs(first);
        first.Disposed.Should().BeTrue();
    }

    [TestMethod]
    public void An_update_keeps_the_prepared_handle_for_the_new_version_of_the_record()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var store = new KeyStore(flash, SecureElement.InMemory(Source(new ScriptedEntropy())), 4);
        Add(store, KidA).Should().Be(AddOutcome.Added);
        store.TryFind(KidA, out var record).Should().BeTrue();
        store.TryOpenHandle(record, _ => new ProbeHandle(), out var before).Should().BeTrue();

        // Act
        var updated = store.Update(record, "renamed", null, 2000);

        // Assert
        store.TryOpenHandle(updated, _ => new ProbeHandle(), out var after).Should().BeTrue();
        after.Should().BeSameAs(before);
        before.Disposed.Should().BeFalse();
    }

    [TestMethod]
    public void Disposing_the_handles_at_the_end_of_a_boot_wipes_every_one()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var store = new KeyStore(flash, SecureElement.InMemory(Source(new ScriptedEntropy())), 4);
        Add(store, KidA).Should().Be(AddOutcome.Added);
        Add(store, KidB, Enumerable.Repeat((byte)7, 32).ToArray()).Should().Be(AddOutcome.Added);
        store.TryFind(KidA, out var a).Should().BeTrue();
        store.TryFind(KidB, out var b).Should().BeTrue();
        store.TryOpenHandle(a, _ => new ProbeHandle(), out var handleA).Should().BeTrue();
        var handleB = store.GetPublicHandle(b, _ => new ProbeHandle());

        // Act
        store.DisposeHandles();

        // Assert
        handleA.Disposed.Should().BeTrue();
        handleB.Disposed.Should().BeTrue();
        store.TryOpenHandle(a, _ => new ProbeHandle(), out var reopened).Should().BeTrue();
        reopened.Should().NotBeSameAs(handleA);
    }
}
