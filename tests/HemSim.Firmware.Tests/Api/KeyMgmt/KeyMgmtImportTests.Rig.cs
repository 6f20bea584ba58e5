using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>
/// A provisioned device with helpers for the endpoints that change the keystore: update, delete, import and
/// derive (spec §12.6, §12.8–§12.10). Shared by their test classes.
/// </summary>
internal sealed class KeyWriteRig : IDisposable
{
    public const int KeyDelete = 0x15, KeyImport = 0x16, KeyAttributesChanged = 0x19, KeyDerive = 0x1a, FailedScopeCheck = 0x0c;
    public const int Ok = 0, Failed = 1, Error = 2;

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public KeyWriteRig(HemDeviceOptions? options = null)
    {
        Device = new TestDevice(options);
        Device.Provision().Status.Should().Be(200);
        // Log in up front: a login writes its own audit line, which must not land between a snapshot and a request.
        foreach (var scope in new[] { "keymgmt:gen", "keymgmt:upd", "keymgmt:del", "keymgmt:imp" })
        {
            Token(scope);
        }
    }

    public TestDevice Device { get; }

    public KeyStore Keys => Device.Core.Keys;

    /// <summary>A token of the user role with <paramref name="scope"/>, logged in once per scope.</summary>
    public string Token(string scope)
    {
        if (!_tokens.TryGetValue(scope, out var token))
        {
            token = Device.Login(scope);
            _tokens[scope] = token;
        }
        return token;
    }

    /// <summary>Creates a key through the API and returns its kid.</summary>
    public string Create(string type, string label = "k", string? mode = null)
    {
        var body = new JsonObject { ["label"] = label, ["type"] = type };
        if (mode is not null)
        {
            body["mode"] = mode;
        }
        return KidOf(Device.Post("/api/keymgmt/create", body.ToJsonString(), Token("keymgmt:gen")));
    }

    public ApiResponse Update(object body, string? token = null, bool tls = true) =>
        Device.Post("/api/keymgmt/update", body, token ?? Token("keymgmt:upd"), tls);

    public ApiResponse Delete(string kid, string? token = null, bool tls = true) =>
        Device.Send(new ApiRequest("DELETE", "/api/keymgmt/delete/" + kid, tls, [])
        {
            Authorization = "Bearer " + (token ?? Token("keymgmt:del")),
        });

    public ApiResponse Import(object body, string? token = null, bool tls = true) =>
        Device.Post("/api/keymgmt/import", body, token ?? Token("keymgmt:imp"), tls);

    /// <summary>Imports <paramref name="publicKey"/> as <paramref name="type"/> and returns the kid (200 expected).</summary>
    public string Import(string type, byte[] publicKey, string label = "imported", string? mode = null) =>
        KidOf(Import(mode is null
            ? new { label, type, pubkey = Convert.ToBase64String(publicKey) }
            : (object)new { label, type, pubkey = Convert.ToBase64String(publicKey), mode }));

    public ApiResponse Derive(object body, string? token = null, bool tls = true) =>
        Device.Post("/api/keymgmt/derive", body, token ?? Token("keymgmt:gen"), tls);

    public static string KidOf(ApiResponse response)
    {
        response.Status.Should().Be(200);
        return TestDevice.Json(response)["kid"]!.GetValue<string>();
    }

    public KeySlotRecord Record(string kid) =>
        Keys.Valid.Single(r => Convert.ToHexStringLower(r.Kid) == kid.ToLowerInvariant());

    public bool IsStored(string kid) => Keys.Valid.Any(r => Convert.ToHexStringLower(r.Kid) == kid.ToLowerInvariant());

    /// <summary>The stored public key of a key (§17.5 encoding).</summary>
    public byte[] PublicKey(string kid) => Record(kid).PublicKey;

    /// <summary>The unsealed secret of a stored key, for checks made from outside the device.</summary>
    public byte[] Secret(string kid)
    {
        Keys.TryOpenSecret(Record(kid), out var secret).Should().BeTrue();
        using (secret)
        {
            return secret!.ToArray();
        }
    }

    public static string Attributes(KeySlotRecord record) =>
        KeyAttributes.Format((KeyFlags)record.Flags, (KeyType)record.KeyType);

    public DeviceSnapshot Snapshot() => DeviceSnapshot.Take(Device);

    /// <summary>
    /// STYLE.md §10 "failure leaves no trace": since <paramref name="before"/> the slots are unchanged and the
    /// audit log gained exactly one line, of <paramref name="type"/>/<paramref name="result"/> with <paramref name="data"/>.
    /// </summary>
    public void ShouldOnlyHaveLogged(DeviceSnapshot before, int type, int result, byte[] data)
    {
        var after = Snapshot();
        after.Slots.Should().Equal(before.Slots);
        after.Config.Should().Be(before.Config);
        after.AuditLines.Should().HaveCount(before.AuditLines.Count + 1);
        after.AuditLines.Take(before.AuditLines.Count).Should().Equal(before.AuditLines);
        var line = Device.LastAuditLine();
        line.Type.Should().Be(type);
        line.Result.Should().Be(result);
        line.Subject.Should().Be("U");
        line.DataBytes.Should().Equal(data);
    }

    /// <summary>Nothing changed at all: no slot, no config, no audit line (403/409/418 paths write only what they must).</summary>
    public void ShouldBeUnchanged(DeviceSnapshot before) => Snapshot().Should().BeEquivalentTo(before);

    /// <summary>kid = SHA-1(bytes)[0..16) as lowercase hex (spec §17.4), computed here independently.</summary>
    public static string Sha1Kid(byte[] bytes) => Convert.ToHexStringLower(SHA1.HashData(bytes)[..16]);

    public void Dispose() => Device.Dispose();
}
