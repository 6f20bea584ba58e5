using System.Text;
using HemSim.Authenticator.State;

namespace HemSim.Authenticator.Tests.State;

[TestClass]
public sealed class PairingStoreTests
{
    [TestMethod]
    public void The_state_file_is_sealed_and_reloads()
    {
        using var folder = new TestFolder();
        string path = folder.File("authenticator.state");
        var device = new DocumentDevice();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll, PairingStore.Open(path));
        Pairing pairing = device.Pair(app, "sealed-label");

        byte[] file = File.ReadAllBytes(path);
        file.AsSpan().IndexOf(pairing.AppPrivateKey).Should().Be(-1, "the private key is never on disk in clear");
        Encoding.Latin1.GetString(file).Should().NotContain("sealed-label").And.NotContain(pairing.Pid)
            .And.NotContain(Convert.ToBase64String(pairing.AppPrivateKey));

        PairingStore reopened = PairingStore.Open(path);
        reopened.Pairings.Should().ContainSingle();
        Pairing loaded = reopened.Pairings[0];
        loaded.Should().BeEquivalentTo(new { pairing.Pid, pairing.Eid, pairing.Label, pairing.Kid, pairing.AppPublicKey });
        loaded.SharedKey().Should().Equal(pairing.SharedKey());
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_key_and_the_state_are_private_files()
    {
        using var folder = new TestFolder();
        string path = System.IO.Path.Combine(folder.Path, "sub", "authenticator.state");
        new DocumentDevice().Pair(new VirtualAuthenticator(ApprovalPolicy.ApproveAll, PairingStore.Open(path)));

        File.GetUnixFileMode(path + PairingStore.KeyFileSuffix).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        new FileInfo(path + PairingStore.KeyFileSuffix).Length.Should().Be(32);
    }

    [TestMethod]
    public void Opening_a_new_state_writes_nothing_until_a_pairing_is_kept()
    {
        using var folder = new TestFolder();

        PairingStore.Open(folder.File("authenticator.state")).Pairings.Should().BeEmpty();

        Directory.EnumerateFileSystemEntries(folder.Path).Should().BeEmpty();
    }

    [TestMethod]
    public void Forgetting_is_saved()
    {
        using var folder = new TestFolder();
        string path = folder.File("authenticator.state");
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll, PairingStore.Open(path));
        Pairing pairing = new DocumentDevice().Pair(app);

        app.Forget(pairing.Pid);

        PairingStore.Open(path).Pairings.Should().BeEmpty();
    }

    [TestMethod]
    public void A_state_without_its_key_or_altered_does_not_open()
    {
        using var folder = new TestFolder();
        string path = folder.File("authenticator.state");
        new DocumentDevice().Pair(new VirtualAuthenticator(ApprovalPolicy.ApproveAll, PairingStore.Open(path)));
        byte[] file = File.ReadAllBytes(path);
        file[20] ^= 1;
        File.WriteAllBytes(path, file);

        FluentActions.Invoking(() => PairingStore.Open(path)).Should().Throw<InvalidDataException>().WithMessage("*altered*");
        File.Delete(path + PairingStore.KeyFileSuffix);
        FluentActions.Invoking(() => PairingStore.Open(path)).Should().Throw<InvalidDataException>().WithMessage("*key file*");
    }

    [TestMethod]
    public void An_in_memory_store_writes_nothing()
    {
        PairingStore store = PairingStore.InMemory();
        new DocumentDevice().Pair(new VirtualAuthenticator(ApprovalPolicy.ApproveAll, store));

        store.Path.Should().BeNull();
        store.Pairings.Should().ContainSingle();
    }
}
