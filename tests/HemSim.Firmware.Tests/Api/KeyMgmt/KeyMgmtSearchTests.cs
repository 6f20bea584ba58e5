using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Rig = HemSim.Firmware.Tests.Api.KeyMgmt.KeyMgmtListTests.Rig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>POST /api/keymgmt/search: needles, matching and the list envelope over matches (spec §12.4).</summary>
[TestClass]
public sealed partial class KeyMgmtSearchTests
{
    private static string B64(string ascii) => Convert.ToBase64String(Encoding.ASCII.GetBytes(ascii));

    /// <summary>Keys in slot order: 0 "CCTEST:ALPHA", 1 no descr, 2 "CCTEST:BETA", 3 "XCCTEST:ALPHA", 4 "ALPHA".</summary>
    private static (Rig Rig, string[] Kids) Catalogue()
    {
        var rig = new Rig();
        var kids = new[]
        {
            rig.Create("AES256", "CCTEST:ALPHA"),
            rig.Create("AES256"),
            rig.Create("ED25519", "CCTEST:BETA"),
            rig.Create("AES128", "XCCTEST:ALPHA"),
            rig.Create("SHA2-256", "ALPHA"),
        };
        return (rig, kids);
    }

    [TestMethod]
    [DataRow("^CCTEST:", new[] { 0, 2 })]
    [DataRow("ALPHA$", new[] { 0, 3, 4 })]
    [DataRow("^ALPHA$", new[] { 4 })]
    [DataRow("^CCTEST:ALPHA$", new[] { 0 })]
    [DataRow("TEST:", new[] { 0, 2, 3 })]
    [DataRow("A", new[] { 0, 2, 3, 4 })]
    [DataRow("^X", new[] { 3 })]
    [DataRow("BETA$", new[] { 2 })]
    public void Search_matches_each_needle_form_in_slot_order(string needle, int[] expected)
    {
        // Arrange: the needle's text between the anchors is base64-encoded, the anchors kept.
        var (rig, kids) = Catalogue();
        using var _ = rig;
        var core = needle.Trim('^', '$');
        var encoded = (needle.StartsWith('^') ? "^" : "") + B64(core) + (needle.EndsWith('$') ? "$" : "");

        // Act
        var response = rig.Search(new { descr = encoded }, rig.Token("keymgmt:search"));

        // Assert
        response.Status.Should().Be(200);
        Rig.Kids(response).Should().Equal(expected.Select(i => kids[i]));
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("offset", "deleted", "total", "listed", "list");
        json["listed"]!.GetValue<int>().Should().Be(expected.Length);
    }

    [TestMethod]
    public void Search_answers_total_as_the_number_of_valid_records_not_of_matches()
    {
        // Arrange
        var (rig, kids) = Catalogue();
        using var _ = rig;
        rig.Delete(kids[1]);

        // Act
        var json = TestDevice.Json(rig.Search(new { descr = "^" + B64("CCTEST:") }, rig.Token("keymgmt:search")));

        // Assert (§22 #2)
        json["listed"]!.GetValue<int>().Should().Be(2);
        json["total"]!.GetValue<int>().Should().Be(4);
        json["deleted"]!.GetValue<int>().Should().Be(1);
        json["offset"]!.GetValue<int>().Should().Be(0);
    }

    [TestMethod]
    public void Search_writes_key_objects_like_list()
    {
        // Arrange
        var (rig, kids) = Catalogue();
        using var _ = rig;
        var listed = TestDevice.Json(rig.List())["list"]![2]!.ToJsonString();

        // Act
        var found = TestDevice.Json(rig.Search(new { descr = B64("BETA") }, rig.Token("keymgmt:search")))["list"]![0]!;

        // Assert
        found.ToJsonString().Should().Be(listed);
        found["kid"]!.GetValue<string>().Should().Be(kids[2]);
        found["type"]!.GetValue<string>().Should().Be("ATT,PKEY,ExDSA,ED25519");
    }

    [TestMethod]
    [DataRow("standard, padded")]
    [DataRow("standard, unpadded")]
    [DataRow("url-safe, unpadded")]
    [DataRow("url-safe, padded")]
    public void Search_decodes_the_needle_from_either_base64_alphabet_with_or_without_padding(string form)
    {
        // Arrange: bytes whose standard base64 is "++++////AQ==" (both alphabet-specific characters, padding).
        using var rig = new Rig();
        byte[] bytes = [0xFB, 0xEF, 0xBE, 0xFF, 0xFF, 0xFF, 0x01];
        var kid = rig.Create(descr: [.. bytes, 0x42]);
        rig.Create(descr: [0x01, .. bytes]);
        var standard = Convert.ToBase64String(bytes);
        var url = standard.Replace('+', '-').Replace('/', '_');
        var text = form switch
        {
            "standard, padded" => standard,
            "standard, unpadded" => standard.TrimEnd('='),
            "url-safe, unpadded" => url.TrimEnd('='),
            _ => url,
        };

        // Act
        var response = rig.Search(new { descr = "^" + text }, rig.Token("keymgmt:search"));

        // Assert
        response.Status.Should().Be(200);
        Rig.Kids(response).Should().Equal(kid);
    }

    [TestMethod]
    public void Search_accepts_a_needle_of_64_bytes()
    {
        // Arrange
        using var rig = new Rig();
        var descr = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var kid = rig.Create(descr: descr);

        // Act
        var response = rig.Search(new { descr = "^" + Convert.ToBase64String(descr) + "$" }, rig.Token("keymgmt:search"));

        // Assert
        response.Status.Should().Be(200);
        Rig.Kids(response).Should().Equal(kid);
    }

    [TestMethod]
    [DataRow("^", "")]
    [DataRow("", "")]
    [DataRow("", "$")]
    [DataRow("^", "$")]
    public void Search_answers_406_to_a_needle_over_64_bytes_and_writes_nothing(string start, string end)
    {
        // Arrange
        using var rig = new Rig();
        rig.Create(descr: new byte[64]);
        var token = rig.Token("keymgmt:search");
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Search(new { descr = start + Convert.ToBase64String(new byte[65]) + end }, token);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Search_answers_404_only_when_no_key_matches_at_all()
    {
        // Arrange: the only key with that text is deleted; a key without descr never matches.
        var (rig, kids) = Catalogue();
        using var _ = rig;
        rig.Delete(kids[2]);
        var token = rig.Token("keymgmt:search");
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Search(new { descr = B64("BETA") }, token);

        // Assert
        response.Status.Should().Be(404);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow(2, 0)]
    [DataRow(3, 0)]
    [DataRow(1000, 0)]
    [DataRow(1, 1)]
    public void Search_answers_200_with_an_empty_page_when_offset_is_past_the_matches(int offset, int expectedListed)
    {
        // Arrange
        var (rig, kids) = Catalogue();
        using var _ = rig;

        // Act
        var response = rig.Search(new { descr = "^" + B64("CCTEST:"), offset }, rig.Token("keymgmt:search"));

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json["offset"]!.GetValue<int>().Should().Be(offset);
        json["listed"]!.GetValue<int>().Should().Be(expectedListed);
        json["total"]!.GetValue<int>().Should().Be(5);
        Rig.Kids(response).Should().Equal(expectedListed == 0 ? [] : new[] { kids[2] });
    }

    [TestMethod]
    [DataRow(null, null, 0, 15)]
    [DataRow(0, 15, 0, 15)]
    [DataRow(0, 16, 0, 15)]
    [DataRow(0, 100, 0, 15)]
    [DataRow(0, 4, 0, 4)]
    [DataRow(5, 4, 5, 4)]
    [DataRow(18, 15, 18, 2)]
    [DataRow(3, null, 3, 15)]
    [DataRow(0, 0, 0, 0)]
    public void Search_applies_offset_after_filtering_and_clamps_limit_to_15(int? offset, int? limit, int skipped, int taken)
    {
        // Arrange: 20 matching keys interleaved with 20 that do not match.
        using var rig = new Rig();
        var matching = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            matching.Add(rig.Create("AES256", $"CCTEST:{i}"));
            rig.Create("AES256", $"OTHER:{i}");
        }
        var body = new JsonObject { ["descr"] = "^" + B64("CCTEST:") };
        if (offset is not null)
        {
            body["offset"] = offset;
        }
        if (limit is not null)
        {
            body["limit"] = limit;
        }

        // Act
        var response = rig.Search(body.ToJsonString(), rig.Token("keymgmt:search"));

        // Assert
        response.Status.Should().Be(200);
        Rig.Kids(response).Should().Equal(matching.Skip(skipped).Take(taken));
        TestDevice.Json(response)["total"]!.GetValue<int>().Should().Be(40);
    }

    [TestMethod]
    public void Search_paged_with_offset_plus_listed_reaches_every_match_once()
    {
        // Arrange
        using var rig = new Rig();
        var matching = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            matching.Add(rig.Create("AES256", $"CCTEST:T-10.1_{i}"));
            rig.Create("AES256", "unrelated");
        }
        var found = new List<string>();
        var offset = 0;

        // Act: page as [T] does, until offset ≥ total (total counts every record, so trailing pages are empty).
        while (true)
        {
            var response = rig.Search(new { descr = "^" + B64("CCTEST:T-10.1_"), offset, limit = 10 }, rig.Token("keymgmt:search"));
            response.Status.Should().Be(200);
            var json = TestDevice.Json(response);
            found.AddRange(Rig.Kids(response));
            offset += json["listed"]!.GetValue<int>();
            if (json["listed"]!.GetValue<int>() == 0 || offset >= json["total"]!.GetValue<int>())
            {
                break;
            }
        }

        // Assert
        found.Should().Equal(matching);
    }
}
