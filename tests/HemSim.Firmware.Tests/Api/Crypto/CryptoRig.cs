using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// A provisioned device for the <c>/api/crypto/*</c> tests: keys made through the API (create, import), the exact
/// <c>keymgmt:use:&lt;kid&gt;</c> token of each, and the call itself. Tokens are logged in once per kid and cached;
/// a login writes an audit line, so call <see cref="Use"/> before taking a snapshot.
/// </summary>
internal sealed class CryptoRig : IDisposable
{
    // Audit event numbers of spec §19.1, written out here rather than taken from the firmware.
    public const int HmacHash = 0x1e, HmacVerify = 0x1f, ExdsaSign = 0x20, ExdsaVerify = 0x21, Wrap = 0x22, Unwrap = 0x23,
        Encrypt = 0x24, Decrypt = 0x25, Ecdh = 0x26, MlKemEncaps = 0x27, MlKemDecaps = 0x28, MlDsaSign = 0x29, MlDsaVerify = 0x2a;

    public CryptoRig(HemDeviceOptions? options = null) => Keys = new KeyWriteRig(options);

    /// <summary>The key-management rig underneath: snapshots, <see cref="KeyWriteRig.ShouldOnlyHaveLogged"/>, records.</summary>
    public KeyWriteRig Keys { get; }

    public TestDevice Device => Keys.Device;

    /// <summary>Creates a key (SECP: <paramref name="mode"/> sets ECDH/ExDSA) and returns its kid.</summary>
    public string Create(string type, string? mode = null) => Keys.Create(type, "k", mode);

    /// <summary>Imports a public key and returns its kid.</summary>
    public string Import(string type, byte[] publicKey, string? mode = null) => Keys.Import(type, publicKey, mode: mode);

    /// <summary>The stored public key (§17.5 encoding: SECP compressed).</summary>
    public byte[] PublicKey(string kid) => Keys.PublicKey(kid);

    /// <summary>The exact <c>keymgmt:use:&lt;kid&gt;</c> token (role U) for <paramref name="kid"/>.</summary>
    public string Use(string kid) => Keys.Token("keymgmt:use:" + kid);

    /// <summary>
    /// POST <c>/api/crypto/&lt;operation&gt;</c> (e.g. <c>exdsa/sign</c>) with <paramref name="body"/>; the token is
    /// <paramref name="token"/> or the use-token of <paramref name="kid"/>.
    /// </summary>
    public ApiResponse Call(string operation, object body, string kid, string? token = null, bool tls = true) =>
        Device.Post("/api/crypto/" + operation, body, token ?? Use(kid), tls);

    /// <summary>The JSON body of a 200 answer (fails the test on any other status).</summary>
    public static JsonObject Ok(ApiResponse response)
    {
        response.Status.Should().Be(200, "the body was {0}", global::System.Text.Encoding.UTF8.GetString(response.Body));
        return TestDevice.Json(response);
    }

    /// <summary>A base64 member of a JSON answer, decoded.</summary>
    public static byte[] Bytes(JsonObject json, string name) => Convert.FromBase64String(json[name]!.GetValue<string>());

    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    public void Dispose() => Keys.Dispose();
}
