using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Auth.External;
using HemSim.Firmware.Keystore;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Rig = HemSim.Firmware.Tests.Api.KeyMgmt.KeyMgmtListTests.Rig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>
/// POST /api/keymgmt/search: the scopes that may search and the anonymous prefix search
/// (allow_keysearch + <c>^</c> + at least 6 decoded bytes; spec §12.4, §3.3).
/// </summary>
public sealed partial class KeyMgmtSearchTests
{
    private const string Extaid = "EXTAID";

    /// <summary>
    /// A device with <c>allow_keysearch</c> as given and one key described "EXTAID" + 4 bytes, stored the way
    /// ext/validate stores a paired app (the keymgmt endpoints refuse such a descr).
    /// </summary>
    private static (Rig Rig, string Kid) PairedAppKey(bool allowKeysearch)
    {
        var rig = new Rig(config: cfg => cfg["allow_keysearch"] = allowKeysearch);
        PairedApps.Add(rig.Device.Core.Keys, RandomNumberGenerator.GetBytes(32), "app", [1, 2, 3, 4], rig.Device.Now, out var record)
            .Should().Be(AddOutcome.Added);
        return (rig, Convert.ToHexStringLower(record!.Kid));
    }

    [TestMethod]
    [DataRow("^RVhUQUlE")]
    [DataRow("^RVhUQUlEAQ")]
    [DataRow("^RVhUQUlEAQIDBA==$")]
    public void Search_without_a_token_finds_keys_by_a_prefix_of_6_bytes_or_more_when_allow_keysearch_is_set(string needle)
    {
        // Arrange
        var (rig, kid) = PairedAppKey(allowKeysearch: true);
        using var _ = rig;
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Search(new { descr = needle });

        // Assert: no audit line, nothing written.
        response.Status.Should().Be(200);
        Rig.Kids(response).Should().Equal(kid);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Search_without_a_token_answers_404_when_an_anonymous_prefix_matches_nothing()
    {
        // Arrange
        var (rig, _) = PairedAppKey(allowKeysearch: true);
        using var __ = rig;

        // Act
        var response = rig.Search(new { descr = "^" + B64("CCTEST:") });

        // Assert
        response.Status.Should().Be(404);
    }

    [TestMethod]
    [DataRow(true, "^RVhUQUk", "5 bytes")]
    [DataRow(true, "RVhUQUlE", "not ^-anchored")]
    [DataRow(true, "RVhUQUlE$", "suffix")]
    [DataRow(true, "^!!!", "undecodable")]
    [DataRow(true, null, "no descr")]
    [DataRow(false, "^RVhUQUlE", "allow_keysearch false")]
    [DataRow(false, "^RVhUQUlEAQIDBA==", "allow_keysearch false")]
    public void Search_without_a_token_answers_401_unless_the_anonymous_rule_holds(bool allowKeysearch, string? needle, string why)
    {
        // Arrange
        var (rig, _) = PairedAppKey(allowKeysearch);
        using var __ = rig;
        var before = DeviceSnapshot.Take(rig.Device);

        // Act: 401 comes before body validation (§3.3), so even a bad needle gets 401.
        var response = needle is null ? rig.Search("{}") : rig.Search(new { descr = needle });

        // Assert
        response.Status.Should().Be(401, why);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("system:config")]
    [DataRow("keymgmt:get")]
    public void Search_with_a_valid_token_of_any_scope_passes_when_the_anonymous_rule_holds(string scope)
    {
        // Arrange
        var (rig, kid) = PairedAppKey(allowKeysearch: true);
        using var _ = rig;
        var token = rig.Token(scope);
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Search(new { descr = "^RVhUQUlE" }, token);

        // Assert: the scope is not checked, so no FAILED_SCOPE_CHECK line either.
        response.Status.Should().Be(200);
        Rig.Kids(response).Should().Equal(kid);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Search_with_a_master_token_passes_when_the_anonymous_rule_holds()
    {
        // Arrange: M could leave its token out and pass, so refusing it would protect nothing.
        var (rig, kid) = PairedAppKey(allowKeysearch: true);
        using var _ = rig;
        var token = rig.Device.Login("keymgmt:search", TestDevice.Master);

        // Act
        var response = rig.Search(new { descr = "^RVhUQUlE" }, token);

        // Assert
        response.Status.Should().Be(200);
        Rig.Kids(response).Should().Equal(kid);
    }

    [TestMethod]
    public void Search_with_an_invalid_token_answers_401_even_when_the_anonymous_rule_holds()
    {
        // Arrange
        var (rig, _) = PairedAppKey(allowKeysearch: true);
        using var __ = rig;
        var token = rig.Token("keymgmt:search");
        var forged = token[..token.LastIndexOf('.')] + "." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Search(new { descr = "^RVhUQUlE" }, forged);

        // Assert (§3.3 step 3)
        response.Status.Should().Be(401);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("keymgmt:search")]
    [DataRow("keymgmt:list")]
    [DataRow("auth:ext:pair")]
    [DataRow("keymgmt:searchable")]
    [DataRow("keymgmt:list:all")]
    public void Search_accepts_a_scope_starting_with_search_list_or_ext_pair(string scope)
    {
        // Arrange: allow_keysearch false, so the token is what grants access.
        var (rig, kid) = PairedAppKey(allowKeysearch: false);
        using var _ = rig;

        // Act
        var response = rig.Search(new { descr = B64(Extaid) }, rig.Token(scope));

        // Assert
        response.Status.Should().Be(200);
        Rig.Kids(response).Should().Equal(kid);
    }

    [TestMethod]
    [DataRow(false, "^RVhUQUlE", "keymgmt:get")]
    [DataRow(false, "^RVhUQUlE", "keymgmt:gen")]
    [DataRow(false, "RVhUQUlE", "keymgmt:sear")]
    [DataRow(false, "RVhUQUlE", "auth:ext")]
    [DataRow(true, "^RVhUQUk", "system:config")]
    [DataRow(true, "RVhUQUlE", "keymgmt:use:00112233445566778899aabbccddeeff")]
    [DataRow(false, "!!!", "system:config")]
    public void Search_answers_403_to_another_scope_and_logs_a_failed_scope_check(bool allowKeysearch, string needle, string scope)
    {
        // Arrange: the last row shows 403 comes before the 400 of an undecodable needle (§3.3).
        var (rig, _) = PairedAppKey(allowKeysearch);
        using var __ = rig;
        var token = rig.Token(scope);
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Search(new { descr = needle }, token);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        KeyMgmtListTests.AssertOnlyAFailedScopeCheckWasLogged(rig.Device, before, "U", scope);
    }

    [TestMethod]
    public void Search_answers_403_to_the_master_role_when_the_anonymous_rule_does_not_hold()
    {
        // Arrange
        var (rig, _) = PairedAppKey(allowKeysearch: false);
        using var __ = rig;
        var token = rig.Device.Login("keymgmt:search", TestDevice.Master);
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Search(new { descr = "^RVhUQUlE" }, token);

        // Assert
        response.Status.Should().Be(403);
        KeyMgmtListTests.AssertOnlyAFailedScopeCheckWasLogged(rig.Device, before, "M", "keymgmt:search");
    }

    [TestMethod]
    public void Search_answers_418_over_plain_http_even_when_the_anonymous_rule_holds()
    {
        // Arrange
        var (rig, _) = PairedAppKey(allowKeysearch: true);
        using var __ = rig;
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Post("/api/keymgmt/search", new { descr = "^RVhUQUlE" }, tls: false);

        // Assert
        response.Status.Should().Be(418);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Search_answers_409_on_a_fresh_device()
    {
        // Arrange
        using var device = new TestDevice();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/keymgmt/search", new { descr = "^RVhUQUlE" });

        // Assert
        response.Status.Should().Be(409);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }
}
