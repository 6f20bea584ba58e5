using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Keystore;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>GET /api/keymgmt/list[/{offset}[/{count}]]: the envelope, key objects, order and clamping (spec §12.1–§12.3).</summary>
[TestClass]
public sealed partial class KeyMgmtListTests
{
    [TestMethod]
    public void List_answers_the_envelope_with_every_key_in_slot_order()
    {
        // Arrange
        using var rig = new Rig();
        var first = rig.Create("SECP256R1", "CCTEST:one", label: "first", mode: "ECDH,ExDSA");
        var second = rig.Create("AES256", label: "second");
        var third = rig.Create("MLKEM512", "x", label: "third");

        // Act
        var response = rig.List();

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("offset", "deleted", "total", "listed", "list");
        json["offset"]!.GetValue<long>().Should().Be(0);
        json["deleted"]!.GetValue<long>().Should().Be(0);
        json["total"]!.GetValue<long>().Should().Be(3);
        json["listed"]!.GetValue<long>().Should().Be(3);
        Rig.Kids(response).Should().Equal(first, second, third);
    }

    [TestMethod]
    public void List_writes_each_key_object_as_spec_12_1_says()
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create("SECP384R1", "CCTEST:T-10.1_SECP384R1", label: "T-10.1 GEN SECP384R1", mode: "ECDH,ExDSA");
        var record = rig.Record(kid);

        // Act
        var key = TestDevice.Json(rig.List())["list"]![0]!.AsObject();

        // Assert
        key.Select(p => p.Key).Should().Equal("kid", "created", "type", "label", "descr", "updated");
        key["kid"]!.GetValue<string>().Should().Be(kid).And.MatchRegex("^[0-9a-f]{32}$");
        key["created"]!.GetValue<long>().Should().Be(TestDevice.StartTime);
        key["type"]!.GetValue<string>().Should().Be("ATT,PKEY,ECDH,ExDSA,SECP384R1");
        key["label"]!.GetValue<string>().Should().Be("T-10.1 GEN SECP384R1");
        key["descr"]!.GetValue<string>().Should().Be(Convert.ToBase64String(Encoding.ASCII.GetBytes("CCTEST:T-10.1_SECP384R1")));
        key["updated"]!.GetValue<long>().Should().Be(record.Updated);
    }

    [TestMethod]
    public void List_leaves_out_descr_when_the_key_has_none()
    {
        // Arrange
        using var rig = new Rig();
        rig.Create("AES128");

        // Act
        var key = TestDevice.Json(rig.List())["list"]![0]!.AsObject();

        // Assert
        key.ContainsKey("descr").Should().BeFalse();
    }

    [TestMethod]
    public void List_writes_descr_in_standard_base64_with_padding()
    {
        // Arrange: bytes whose base64 uses '+' and '/' and needs padding.
        using var rig = new Rig();
        rig.Create("AES128", new byte[] { 0xFB, 0xEF, 0xBE, 0xFF });

        // Act
        var key = TestDevice.Json(rig.List())["list"]![0]!.AsObject();

        // Assert
        key["descr"]!.GetValue<string>().Should().Be("++++/w==");
    }

    [TestMethod]
    public void List_shows_updated_moving_forward_after_an_update()
    {
        // Arrange
        using var rig = new Rig();
        var kid = rig.Create("AES128");
        rig.Keys.Update(rig.Record(kid), "renamed", null, rig.Device.Now);

        // Act
        var key = TestDevice.Json(rig.List())["list"]![0]!.AsObject();

        // Assert
        key["label"]!.GetValue<string>().Should().Be("renamed");
        key["updated"]!.GetValue<long>().Should().Be(key["created"]!.GetValue<long>() + 1);
    }

    [TestMethod]
    public void List_of_an_empty_keystore_is_an_empty_page()
    {
        // Arrange
        using var rig = new Rig();

        // Act
        var response = rig.List();

        // Assert
        response.Status.Should().Be(200);
        Encoding.UTF8.GetString(response.Body).Should().Be("{\"offset\":0,\"deleted\":0,\"total\":0,\"listed\":0,\"list\":[]}");
    }

    [TestMethod]
    [DataRow("", 0, 15)]
    [DataRow("/0", 0, 15)]
    [DataRow("/3", 3, 15)]
    [DataRow("/3/4", 3, 4)]
    [DataRow("/0/15", 0, 15)]
    [DataRow("/0/16", 0, 15)]
    [DataRow("/0/64", 0, 15)]
    [DataRow("/2/0", 2, 0)]
    [DataRow("/0/99999999999999999999", 0, 15)]
    [DataRow("/19/5", 19, 1)]
    [DataRow("/20", 20, 0)]
    [DataRow("/25/5", 25, 0)]
    [DataRow("/007/2", 7, 2)]
    [DataRow("/99999999999999999999", int.MaxValue, 0)]
    public void List_skips_offset_keys_and_clamps_count_to_15(string suffix, long offset, int expectedListed)
    {
        // Arrange
        using var rig = new Rig();
        var kids = Enumerable.Range(0, 20).Select(_ => rig.Create()).ToList();

        // Act
        var response = rig.List(suffix);

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json["offset"]!.GetValue<long>().Should().Be(offset);
        json["total"]!.GetValue<long>().Should().Be(20);
        json["listed"]!.GetValue<long>().Should().Be(expectedListed);
        Rig.Kids(response).Should().Equal(kids.Skip((int)Math.Min(offset, 20)).Take(expectedListed));
    }

    [TestMethod]
    [DataRow("/abc")]
    [DataRow("/-1")]
    [DataRow("/1.5")]
    [DataRow("/+1")]
    [DataRow("/0x10")]
    [DataRow("/1e2")]
    [DataRow("/%31")]
    [DataRow("/\u0661")]
    [DataRow("/0/abc")]
    [DataRow("/0/-1")]
    [DataRow("/0/1.5")]
    [DataRow("/abc/1")]
    public void List_answers_406_when_offset_or_count_is_not_decimal_digits(string suffix)
    {
        // Arrange
        using var rig = new Rig();
        rig.Create();
        var token = rig.Token("keymgmt:list");
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.List(suffix, token);

        // Assert: 406, never 400 ([N]); nothing written, not even an audit line.
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void List_counts_deleted_records_in_the_whole_repository()
    {
        // Arrange: deleted records before, inside and after the page.
        using var rig = new Rig();
        var kids = Enumerable.Range(0, 8).Select(_ => rig.Create()).ToList();
        rig.Delete(kids[0]);
        rig.Delete(kids[3]);
        rig.Delete(kids[7]);

        // Act
        var response = rig.List("/1/2");

        // Assert
        var json = TestDevice.Json(response);
        json["deleted"]!.GetValue<long>().Should().Be(3).And.Be(rig.DeletedInFlash());
        json["total"]!.GetValue<long>().Should().Be(5);
        Rig.Kids(response).Should().Equal(kids[2], kids[4]);
    }

    [TestMethod]
    public void List_includes_records_the_device_made_itself()
    {
        // Arrange: a TLS certificate record as §17.6 describes it.
        using var rig = new Rig();
        var created = rig.Create("ED25519");
        var cert = Kid.FromBytes(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());
        rig.Keys.TryAdd(cert, KeyType.GenericDer, KeyFlags.Cert, "TLS Certificate",
            Encoding.ASCII.GetBytes("DNS:my.ence.do"), [0x30, 0x03, 0x02, 0x01, 0x01], [], rig.Device.Now, out _)
            .Should().Be(AddOutcome.Added);

        // Act
        var list = TestDevice.Json(rig.List())["list"]!.AsArray();

        // Assert
        list.Select(k => k!["kid"]!.GetValue<string>()).Should().Equal(created, cert.Hex);
        list[1]!["type"]!.GetValue<string>().Should().Be("CERT,GENERIC_DER");
        list[1]!["label"]!.GetValue<string>().Should().Be("TLS Certificate");
    }

    [TestMethod]
    public void List_on_a_diag_build_gives_each_record_a_stable_address_and_length()
    {
        // Arrange
        using var rig = new Rig(new HemDeviceOptions { Diag = true });
        var kids = Enumerable.Range(0, 3).Select(_ => rig.Create("SECP256R1")).ToList();
        var before = TestDevice.Json(rig.List())["list"]!.AsArray();
        rig.Delete(kids[0]);

        // Act
        var after = TestDevice.Json(rig.List())["list"]!.AsArray();

        // Assert
        var addresses = before.Select(k => k!["_addr"]!.GetValue<long>()).ToList();
        addresses.Should().OnlyHaveUniqueItems();
        addresses.Should().OnlyContain(a => a > 0 && a % 32 == 0);
        before.Select(k => k!["_len"]!.GetValue<long>()).Should().OnlyContain(l => l > 0 && l <= 4095 && l % 32 == 0);
        after.Select(k => k!["_addr"]!.GetValue<long>()).Should().Equal(addresses.Skip(1));
        before[0]!.AsObject().Select(p => p.Key).Should().Equal("kid", "created", "type", "label", "updated", "_addr", "_len");
    }

    [TestMethod]
    public void List_on_a_production_build_has_no_address_fields()
    {
        // Arrange
        using var rig = new Rig();
        rig.Create();

        // Act
        var key = TestDevice.Json(rig.List())["list"]![0]!.AsObject();

        // Assert
        key.ContainsKey("_addr").Should().BeFalse();
        key.ContainsKey("_len").Should().BeFalse();
    }
}
