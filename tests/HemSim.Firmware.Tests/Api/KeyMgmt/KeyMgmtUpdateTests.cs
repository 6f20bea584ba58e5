using System.Text;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>POST /api/keymgmt/update (spec §12.8, §12.1 <c>updated</c>, §17.3, §22 #3/#4).</summary>
[TestClass]
public sealed class KeyMgmtUpdateTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    [TestMethod]
    public void Update_replaces_label_and_descr_and_answers_200_with_an_empty_body()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("SECP256R1", label: "before", mode: "ECDH");

        // Act
        var response = rig.Update(new { kid, label = "after", descr = B64("CCTEST:after") });

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        var record = rig.Record(kid);
        record.Label.Should().Be("after");
        record.Descr.Should().Equal(Encoding.ASCII.GetBytes("CCTEST:after"));
    }

    [TestMethod]
    public void Update_moves_updated_forward_even_within_the_same_second()
    {
        // Arrange: the fake clock does not move between the requests.
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        var created = rig.Record(kid).Created;

        // Act
        rig.Update(new { kid, label = "one" }).Status.Should().Be(200);
        var first = rig.Record(kid).Updated;
        rig.Update(new { kid, label = "two" }).Status.Should().Be(200);
        var second = rig.Record(kid).Updated;

        // Assert: spec §12.1, "if now ≤ the old value, use old + 1".
        first.Should().Be(created + 1);
        second.Should().Be(created + 2);
        rig.Record(kid).Created.Should().Be(created);
    }

    [TestMethod]
    public void Update_sets_updated_to_now_when_the_clock_is_ahead()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        rig.Device.Clock.Advance(TimeSpan.FromSeconds(100));

        // Act
        rig.Update(new { kid, label = "later" }).Status.Should().Be(200);

        // Assert
        rig.Record(kid).Updated.Should().Be(rig.Device.Now);
    }

    [TestMethod]
    [DataRow("{\"kid\":\"KID\",\"label\":\"renamed\"}")]
    [DataRow("{\"kid\":\"KID\",\"label\":\"renamed\",\"descr\":null}")]
    public void Update_keeps_the_description_when_descr_is_absent_or_null(string template)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES128");
        rig.Update(new { kid, label = "k", descr = B64("keep me") }).Status.Should().Be(200);

        // Act
        var response = rig.Update(template.Replace("KID", kid));

        // Assert
        response.Status.Should().Be(200);
        rig.Record(kid).Label.Should().Be("renamed");
        rig.Record(kid).Descr.Should().Equal(Encoding.ASCII.GetBytes("keep me"));
    }

    [TestMethod]
    public void Update_with_an_empty_descr_clears_the_description()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES128");
        rig.Update(new { kid, label = "k", descr = B64("gone soon") }).Status.Should().Be(200);

        // Act
        var response = rig.Update(new { kid, label = "k", descr = "" });

        // Assert
        response.Status.Should().Be(200);
        rig.Record(kid).Descr.Should().BeEmpty();
    }

    [TestMethod]
    public void Update_accepts_an_upper_case_kid_and_descr_in_the_url_safe_alphabet()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("ED25519");

        // Act
        var response = rig.Update(new { kid = kid.ToUpperInvariant(), label = "K", descr = "-_-_" });

        // Assert
        response.Status.Should().Be(200);
        rig.Record(kid).Descr.Should().Equal(0xFB, 0xFF, 0xBF);
    }

    [TestMethod]
    public void Update_logs_key_attributes_changed_ok_with_the_kid()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        var linesBefore = rig.Device.AuditLines().Count;

        // Act
        rig.Update(new { kid, label = "k2" }).Status.Should().Be(200);

        // Assert
        var lines = rig.Device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(KeyAttributesChanged);
        lines[^1].Result.Should().Be(Ok);
        lines[^1].Subject.Should().Be("U");
        lines[^1].DataBytes.Should().Equal(Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("{\"kid\":\"KID\"}", DisplayName = "label missing ([P]: label always required)")]
    [DataRow("{\"kid\":\"KID\",\"descr\":\"QUJD\"}", DisplayName = "only descr")]
    [DataRow("{\"kid\":\"KID\",\"label\":null}")]
    [DataRow("{\"kid\":\"KID\",\"label\":\"\"}")]
    [DataRow("{\"kid\":\"KID\",\"label\":\"123456789012345678901234567890123\"}")]
    [DataRow("{\"kid\":\"KID\",\"label\":\"tab\\there\"}")]
    [DataRow("{\"kid\":\"KID\",\"label\":7}")]
    [DataRow("{\"kid\":\"KID\",\"label\":\"k\",\"descr\":\"!!!\"}")]
    [DataRow("{\"kid\":\"KID\",\"label\":\"k\",\"descr\":\"QQ==QQ==\"}")]
    [DataRow("{\"kid\":\"KID\",\"label\":\"k\",\"descr\":5}")]
    [DataRow("{\"kid\":\"KID\",\"label\":\"k\",\"descr\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}", DisplayName = "descr 65 bytes")]
    public void Update_answers_400_to_an_invalid_field_and_logs_an_error_with_the_kid(string template)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        var before = rig.Snapshot();

        // Act
        var response = rig.Update(template.Replace("KID", kid));

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        rig.ShouldOnlyHaveLogged(before, KeyAttributesChanged, Error, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("{\"label\":\"k\"}")]
    [DataRow("{\"kid\":null,\"label\":\"k\"}")]
    [DataRow("{\"kid\":\"00112233445566778899aabbccddeef\",\"label\":\"k\"}", DisplayName = "31 hex")]
    [DataRow("{\"kid\":\"00112233445566778899aabbccddeeff0\",\"label\":\"k\"}", DisplayName = "33 hex")]
    [DataRow("{\"kid\":\"00112233445566778899aabbccddeegg\",\"label\":\"k\"}", DisplayName = "not hex")]
    [DataRow("{\"kid\":12,\"label\":\"k\"}")]
    [DataRow("{\"kid\":\"00112233445566778899aabbccddeeff\",\"label\":\"k\"", DisplayName = "bad JSON")]
    public void Update_answers_400_to_a_bad_kid_and_logs_an_error_without_data(string body)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        rig.Create("AES256");
        var before = rig.Snapshot();

        // Act
        var response = rig.Update(body);

        // Assert
        response.Status.Should().Be(400);
        rig.ShouldOnlyHaveLogged(before, KeyAttributesChanged, Error, []);
    }

    [TestMethod]
    public void Update_answers_406_when_no_key_has_the_kid_and_logs_a_failure()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        rig.Create("AES256");
        var missing = new string('a', 32);
        var before = rig.Snapshot();

        // Act
        var response = rig.Update(new { kid = missing, label = "x" });

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        rig.ShouldOnlyHaveLogged(before, KeyAttributesChanged, Failed, Convert.FromHexString(missing));
    }

    [TestMethod]
    public void Update_answers_406_for_a_deleted_key()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        rig.Delete(kid).Status.Should().Be(200);
        var before = rig.Snapshot();

        // Act
        var response = rig.Update(new { kid, label = "x" });

        // Assert
        response.Status.Should().Be(406);
        rig.ShouldOnlyHaveLogged(before, KeyAttributesChanged, Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("keymgmt:gen")]
    [DataRow("keymgmt:up")]
    [DataRow("keymgmt:list")]
    public void Update_answers_403_to_another_scope_and_logs_a_failed_scope_check(string scope)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        var token = rig.Token(scope);
        var before = rig.Snapshot();

        // Act
        var response = rig.Update(new { kid, label = "x" }, token);

        // Assert
        response.Status.Should().Be(403);
        rig.ShouldOnlyHaveLogged(before, FailedScopeCheck, Failed, Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    public void Update_over_plain_http_answers_418_and_changes_nothing()
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var kid = rig.Create("AES256");
        var before = rig.Snapshot();

        // Act
        var response = rig.Update(new { kid, label = "x" }, tls: false);

        // Assert
        response.Status.Should().Be(418);
        rig.ShouldBeUnchanged(before);
    }
}
