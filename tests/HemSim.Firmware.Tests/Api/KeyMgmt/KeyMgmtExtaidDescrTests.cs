using FluentAssertions;
using HemSim.Authenticator;
using HemSim.Authenticator.Scheme;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;
using Ext = HemSim.Firmware.Tests.Api.Auth.ExtRig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>
/// A descr starting with "EXTAID" marks a paired authenticator app (spec §9.1; docs/EXTERNAL-AUTH.md §3 step 6):
/// only ext/validate writes one, so import, create, update and derive answer 406 for it and store nothing —
/// otherwise any <c>keymgmt:imp</c> token could pair an app past the user-only rule and its audit line.
/// </summary>
[TestClass]
public sealed class KeyMgmtExtaidDescrTests
{
    private const int KeyGeneration = 0x14;

    private static readonly string s_pairingDescr = Convert.ToBase64String([.. "EXTAID"u8.ToArray(), .. new byte[16]]);

    /// <summary>Exactly the prefix, a pairing-shaped descr, and the prefix followed by text.</summary>
    public static IEnumerable<object[]> ReservedDescrs =>
    [
        [Convert.ToBase64String("EXTAID"u8.ToArray())],
        [s_pairingDescr],
        [Convert.ToBase64String("EXTAID and more"u8.ToArray())],
    ];

    [TestMethod]
    [DynamicData(nameof(ReservedDescrs))]
    public void Import_answers_406_for_an_extaid_descr(string descr)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var apk = ExtScheme.NewKeyPair().PublicKey;
        var before = rig.Snapshot();

        // Act
        var response = rig.Import(new { label = "rogue", type = "CURVE25519", pubkey = Convert.ToBase64String(apk), descr });

        // Assert
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyImport, Failed, Convert.FromHexString(Sha1Kid(apk)));
    }

    [TestMethod]
    public void Import_still_accepts_a_descr_that_only_contains_extaid_later()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var descr = Convert.ToBase64String("my EXTAID"u8.ToArray());

        // Act
        var response = rig.Import(new { label = "k", type = "CURVE25519", pubkey = Convert.ToBase64String(ExtScheme.NewKeyPair().PublicKey), descr });

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    [DynamicData(nameof(ReservedDescrs))]
    public void Create_answers_406_for_an_extaid_descr(string descr)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var before = rig.Snapshot();

        // Act
        var response = rig.Device.Post("/api/keymgmt/create", new { label = "k", type = "CURVE25519", descr }, rig.Token("keymgmt:gen"));

        // Assert
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyGeneration, Failed, []);
    }

    [TestMethod]
    [DynamicData(nameof(ReservedDescrs))]
    public void Update_answers_406_for_an_extaid_descr(string descr)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Import("CURVE25519", ExtScheme.NewKeyPair().PublicKey);
        var before = rig.Snapshot();

        // Act
        var response = rig.Update(new { kid, label = "k", descr });

        // Assert
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyAttributesChanged, Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DynamicData(nameof(ReservedDescrs))]
    public void Derive_answers_406_for_an_extaid_descr(string descr)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var source = rig.Create("CURVE25519");
        var peer = Convert.ToBase64String(ExtScheme.NewKeyPair().PublicKey);
        var before = rig.Snapshot();

        // Act
        var response = rig.Derive(new { kid = source, pubkey = peer, label = "d", type = "CURVE25519", descr });

        // Assert: spec §12.10 logs ERROR for a 406 here.
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyDerive, Error, Convert.FromHexString(source));
    }

    [TestMethod]
    public void An_external_token_with_keymgmt_imp_cannot_pair_an_app_by_import()
    {
        // Arrange: the reviewer's attack — an app's own token imports a CURVE25519 key with a pairing descr.
        using var device = Ext.Provisioned();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Ext.Pair(device, app);
        var token = Ext.ExternalLogin(device, app, "keymgmt:imp");
        var before = device.Core.Keys.Total;

        // Act
        var response = device.Post("/api/keymgmt/import",
            new { label = "rogue", type = "CURVE25519", pubkey = Convert.ToBase64String(ExtScheme.NewKeyPair().PublicKey), descr = s_pairingDescr }, token);

        // Assert
        response.Status.Should().Be(406);
        device.Core.Keys.Total.Should().Be(before);
    }
}
