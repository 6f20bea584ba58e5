using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>POST /api/keymgmt/create: the stored record and its attribute string (spec §12.7, §17.2).</summary>
public sealed partial class KeyMgmtCreateTests
{
    private sealed class Session : IDisposable
    {
        public Session(HemDeviceOptions? options = null)
        {
            Device = new TestDevice(options);
            Device.Provision().Status.Should().Be(200);
            Token = Device.Login("keymgmt:gen");
        }

        public TestDevice Device { get; }
        public string Token { get; }

        public ApiResponse Create(object body) => Device.Post("/api/keymgmt/create", body, Token);

        public KeySlotRecord Record(ApiResponse response)
        {
            response.Status.Should().Be(200);
            var kid = TestDevice.Json(response)["kid"]!.GetValue<string>();
            return Device.Core.Keys.Valid.Single(r => Convert.ToHexStringLower(r.Kid) == kid);
        }

        public void Dispose() => Device.Dispose();
    }

    private static string Attributes(KeySlotRecord record) =>
        KeyAttributes.Format((KeyFlags)record.Flags, (KeyType)record.KeyType);

    [TestMethod]
    [DataRow("SECP256R1", null, "ATT,PKEY,ECDH,SECP256R1")]
    [DataRow("SECP256R1", "ECDH", "ATT,PKEY,ECDH,SECP256R1")]
    [DataRow("SECP256R1", "ExDSA", "ATT,PKEY,ExDSA,SECP256R1")]
    [DataRow("SECP256R1", "ECDH,ExDSA", "ATT,PKEY,ECDH,ExDSA,SECP256R1")]
    [DataRow("SECP384R1", "ExDSA,ECDH", "ATT,PKEY,ECDH,ExDSA,SECP384R1")]
    [DataRow("SECP521R1", "SECP521R1", "ATT,PKEY,ECDH,SECP521R1")]
    [DataRow("SECP256K1", "", "ATT,PKEY,ECDH,SECP256K1")]
    [DataRow("CURVE25519", null, "ATT,PKEY,ECDH,CURVE25519")]
    [DataRow("CURVE25519", "ExDSA", "ATT,PKEY,ECDH,CURVE25519")]
    [DataRow("CURVE448", "CURVE448", "ATT,PKEY,ECDH,CURVE448")]
    [DataRow("ED25519", null, "ATT,PKEY,ExDSA,ED25519")]
    [DataRow("ED25519", "ECDH", "ATT,PKEY,ExDSA,ED25519")]
    [DataRow("ED448", "ED448", "ATT,PKEY,ExDSA,ED448")]
    [DataRow("AES128", null, "ATT,PKEY,AES128")]
    [DataRow("AES256", "AES256", "ATT,PKEY,AES256")]
    [DataRow("AES192", "ECDH,ExDSA", "ATT,PKEY,AES192")]
    [DataRow("SHA2-256", "SHA2-256", "ATT,PKEY,SHA2-256")]
    [DataRow("SHA3-512", null, "ATT,PKEY,SHA3-512")]
    [DataRow("MLKEM768", "MLKEM768", "ATT,PKEY,PQC,MLKEM768")]
    [DataRow("MLDSA65", "ExDSA", "ATT,PKEY,PQC,MLDSA65")]
    [DataRow("MLDSA44", null, "ATT,PKEY,PQC,MLDSA44")]
    public void Create_stores_the_attribute_string_of_the_type_and_mode(string type, string? mode, string expected)
    {
        // Arrange
        using var session = new Session();
        var body = new JsonObject { ["label"] = "k", ["type"] = type };
        if (mode is not null)
        {
            body["mode"] = mode;
        }

        // Act
        var response = session.Create(body.ToJsonString());

        // Assert
        Attributes(session.Record(response)).Should().Be(expected);
    }

    [TestMethod]
    public void Create_stores_label_descr_and_times()
    {
        // Arrange
        using var session = new Session();
        session.Device.Clock.Advance(TimeSpan.FromSeconds(12));
        var descr = "CCTEST:T-10.1_ED25519"u8.ToArray();

        // Act
        var record = session.Record(session.Create(new { label = "T-10.1 GEN ED25519", type = "ED25519", descr = Convert.ToBase64String(descr) }));

        // Assert
        record.Label.Should().Be("T-10.1 GEN ED25519");
        record.Descr.Should().Equal(descr);
        record.Created.Should().Be(session.Device.Now);
        record.Updated.Should().Be(record.Created);
        record.State.Should().Be(SlotState.Used);
        record.Slot.Should().Be(0);
    }

    [TestMethod]
    public void Create_answers_the_kid_of_the_stored_public_key()
    {
        // Arrange
        using var session = new Session();

        // Act
        var response = session.Create(new { label = "k", type = "ED25519" });

        // Assert: §17.4 SIM rule, kid = SHA-1(public key)[0..16).
        var record = session.Record(response);
        record.PublicKey.Should().HaveCount(32);
        Convert.ToHexStringLower(global::System.Security.Cryptography.SHA1.HashData(record.PublicKey)[..16])
            .Should().Be(TestDevice.Json(response)["kid"]!.GetValue<string>());
    }

    [TestMethod]
    public void Create_puts_each_key_in_the_next_free_slot()
    {
        // Arrange
        using var session = new Session();

        // Act
        var first = session.Record(session.Create(new { label = "a", type = "AES256" }));
        var second = session.Record(session.Create(new { label = "b", type = "AES256" }));

        // Assert
        first.Slot.Should().Be(0);
        second.Slot.Should().Be(1);
        second.Kid.Should().NotEqual(first.Kid);
    }

    [TestMethod]
    [DataRow("AES256")]
    [DataRow("ED25519")]
    public void Create_works_after_a_reboot(string type)
    {
        // Arrange
        using var session = new Session();
        session.Device.Get("/api/system/reboot", session.Device.Login("system:config")).Status.Should().Be(200);
        var token = session.Device.Login("keymgmt:gen");

        // Act
        var response = session.Device.Post("/api/keymgmt/create", new { label = "after reboot", type }, token);

        // Assert
        response.Status.Should().Be(200);
        session.Device.Core.Keys.Total.Should().Be(1);
    }

    [TestMethod]
    public void Create_treats_a_null_descr_as_absent()
    {
        // Arrange
        using var session = new Session();

        // Act
        var record = session.Record(session.Create("{\"label\":\"k\",\"type\":\"AES256\",\"descr\":null}"));

        // Assert
        record.Descr.Should().BeEmpty();
    }
}
