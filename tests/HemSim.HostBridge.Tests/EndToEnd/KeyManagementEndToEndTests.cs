using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// Key management (spec §12.2–§12.10) through the real bridge process over HTTPS: paging, search, get, update,
/// delete, import and derive, with kids and derived keys recomputed here from independent code (.NET,
/// BouncyCastle), and the key store surviving a restart of the process on the same data folder.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class KeyManagementEndToEndTests
{
    private static readonly Dictionary<string, string> s_tokens = new(StringComparer.Ordinal);
    private static string s_folder = "";
    private static BridgeProcess s_bridge = null!;
    private static PassphraseClient s_client = null!;

    [ClassInitialize]
    public static async Task StartProvisionedBridge(TestContext _)
    {
        s_folder = TestBridge.NewDataFolder();
        s_bridge = await BridgeProcess.StartAsync(s_folder);
        var eid = (await s_bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
        s_client = PassphraseClient.Derive(eid);
        (await s_client.ProvisionAsync(s_bridge)).Status.Should().Be(200, "provisioning must succeed before any key test");
    }

    [ClassCleanup]
    public static async Task StopBridge()
    {
        s_client?.Dispose();
        if (s_bridge is not null)
        {
            await s_bridge.DisposeAsync();
        }
        if (Directory.Exists(s_folder))
        {
            Directory.Delete(s_folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task List_pages_with_offset_plus_listed_reach_every_key_exactly_once()
    {
        // Arrange: more keys than two pages of 15.
        var created = new List<string>();
        for (var i = 0; i < 32; i++)
        {
            created.Add(await CreateAsync("AES128", $"E2E list {i}", $"E2E:list-{i}"));
        }

        // Act
        var (keys, total) = await ListAllAsync();

        // Assert
        var kids = keys.Select(key => key["kid"]!.GetValue<string>()).ToList();
        kids.Should().OnlyHaveUniqueItems().And.HaveCount(total).And.Contain(created);
        kids.Where(created.Contains).Should().Equal(created, "slot order is creation order on a store without deletions in between");
        var first = keys.Single(key => key["kid"]!.GetValue<string>() == created[0]);
        first["type"]!.GetValue<string>().Should().Be("ATT,PKEY,AES128");
        first["label"]!.GetValue<string>().Should().Be("E2E list 0");
        first["descr"]!.GetValue<string>().Should().Be(B64("E2E:list-0"));
        first["updated"]!.GetValue<long>().Should().Be(first["created"]!.GetValue<long>());
    }

    [TestMethod]
    public async Task List_clamps_a_page_to_15_and_honours_a_smaller_count()
    {
        for (var i = 0; i < 16; i++)
        {
            await CreateAsync("AES128", $"E2E clamp {i}", $"E2E:clamp-{i}");
        }
        var token = await TokenAsync("keymgmt:list");

        var clamped = (await s_bridge.GetAsync("/api/keymgmt/list/0/64", token)).Json;
        var five = (await s_bridge.GetAsync("/api/keymgmt/list/0/5", token)).Json;

        clamped["listed"]!.GetValue<int>().Should().Be(15);
        five["listed"]!.GetValue<int>().Should().Be(5);
        five["list"]!.AsArray().Should().HaveCount(5);
        (await s_bridge.GetAsync("/api/keymgmt/list/x", token)).Status.Should().Be(406);
    }

    [TestMethod]
    public async Task Search_by_descr_prefix_finds_the_keys_and_404_when_nothing_matches()
    {
        // Arrange
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await CreateAsync("ED25519", $"E2E search {i}", $"E2E:search-{i}"));
        }

        // Act
        var everyE2E = await SearchAllAsync("^" + B64("E2E:"));
        var exactlyThese = await SearchAllAsync("^" + B64("E2E:search-"));
        var none = await s_bridge.PostAsync("/api/keymgmt/search", new { descr = "^" + B64("E2E:nothing-" + Guid.NewGuid().ToString("N")[..8]) },
            await TokenAsync("keymgmt:search"));

        // Assert
        everyE2E.Should().Contain(created).And.OnlyHaveUniqueItems();
        exactlyThese.Should().Equal(created);
        none.Status.Should().Be(404);
        none.Body.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Get_returns_the_public_key_whose_sha1_prefix_is_the_kid()
    {
        // Arrange
        var ed25519 = await CreateAsync("ED25519", "E2E get ed25519", "E2E:get");
        var p256 = await CreateAsync("SECP256R1", "E2E get p256", null);
        var aes = await CreateAsync("AES256", "E2E get aes", null);
        var token = await TokenAsync("keymgmt:get");

        // Act
        var ed = await s_bridge.GetAsync("/api/keymgmt/get/" + ed25519, token);
        var ec = await s_bridge.GetAsync("/api/keymgmt/get/" + p256.ToUpperInvariant(), token);
        var sym = await s_bridge.GetAsync("/api/keymgmt/get/" + aes, token);

        // Assert
        ed.Status.Should().Be(200);
        ed.Json["type"]!.GetValue<string>().Should().Be("ED25519");
        var edPublic = Convert.FromBase64String(ed.Json["pubkey"]!.GetValue<string>());
        edPublic.Should().HaveCount(32);
        KidOf(edPublic).Should().Be(ed25519);
        ed.Json["descr"]!.GetValue<string>().Should().Be(B64("E2E:get"));

        ec.Status.Should().Be(200);
        var ecPublic = Convert.FromBase64String(ec.Json["pubkey"]!.GetValue<string>());
        ecPublic.Should().HaveCount(33, "SECP points are compressed (spec §17.5)");
        ecPublic[0].Should().BeOneOf(0x02, 0x03);
        KidOf(ecPublic).Should().Be(p256);
        ec.Json.ContainsKey("descr").Should().BeFalse("descr is present only when non-empty");

        sym.Status.Should().Be(200);
        sym.Json["type"]!.GetValue<string>().Should().Be("AES256");
        sym.Json.ContainsKey("pubkey").Should().BeFalse("no secret material, and symmetric keys have no public half");
    }

    [TestMethod]
    public async Task Get_answers_406_for_an_unknown_kid_400_for_a_malformed_one_and_accepts_a_key_use_token()
    {
        var kid = await CreateAsync("CURVE25519", "E2E get use", null);
        var token = await TokenAsync("keymgmt:get");

        (await s_bridge.GetAsync("/api/keymgmt/get/" + new string('0', 32), token)).Status.Should().Be(406);
        (await s_bridge.GetAsync("/api/keymgmt/get/" + kid[..31], token)).Status.Should().Be(400);
        (await s_bridge.GetAsync("/api/keymgmt/get/" + kid, await TokenAsync("keymgmt:use:" + kid))).Status.Should().Be(200);
        (await s_bridge.GetAsync("/api/keymgmt/get/" + kid, await TokenAsync("keymgmt:list"))).Status.Should().Be(403);
    }

    [TestMethod]
    public async Task Update_changes_label_and_descr_and_moves_updated_forward()
    {
        // Arrange
        var kid = await CreateAsync("SECP384R1", "E2E before", "E2E:update-before");
        var before = await FindAsync("E2E:update-before");

        // Act
        var reply = await s_bridge.PostAsync("/api/keymgmt/update", new { kid, label = "E2E after", descr = B64("E2E:update-after") },
            await TokenAsync("keymgmt:upd"));

        // Assert
        reply.Status.Should().Be(200);
        var after = await FindAsync("E2E:update-after");
        after["kid"]!.GetValue<string>().Should().Be(kid);
        after["label"]!.GetValue<string>().Should().Be("E2E after");
        after["created"]!.GetValue<long>().Should().Be(before["created"]!.GetValue<long>());
        after["updated"]!.GetValue<long>().Should().BeGreaterThan(before["updated"]!.GetValue<long>());
        (await s_bridge.PostAsync("/api/keymgmt/search", new { descr = "^" + B64("E2E:update-before") }, await TokenAsync("keymgmt:search")))
            .Status.Should().Be(404);
    }

    [TestMethod]
    public async Task Update_without_a_label_answers_400_and_of_an_unknown_kid_406()
    {
        var kid = await CreateAsync("AES192", "E2E update errors", null);
        var token = await TokenAsync("keymgmt:upd");

        (await s_bridge.PostAsync("/api/keymgmt/update", new { kid, descr = B64("x") }, token)).Status.Should().Be(400);
        (await s_bridge.PostAsync("/api/keymgmt/update", new { kid = new string('a', 32), label = "x" }, token)).Status.Should().Be(406);
    }

    [TestMethod]
    public async Task Delete_over_http_answers_409_and_over_https_removes_the_key()
    {
        // Arrange
        var kid = await CreateAsync("ED448", "E2E delete", null);
        var token = await TokenAsync("keymgmt:del");
        var getToken = await TokenAsync("keymgmt:get");
        var totalBefore = (await ListAllAsync()).Total;

        // Act
        var plain = await s_bridge.SendAsync(HttpMethod.Delete, "/api/keymgmt/delete/" + kid, token: token, tls: false);
        var stillThere = await s_bridge.GetAsync("/api/keymgmt/get/" + kid, getToken);
        var deleted = await s_bridge.SendAsync(HttpMethod.Delete, "/api/keymgmt/delete/" + kid, token: token);

        // Assert
        plain.Status.Should().Be(409, "QUIRK spec §3.4: delete folds 'no TLS' into its state check");
        stillThere.Status.Should().Be(200);
        deleted.Status.Should().Be(200);
        deleted.Body.Should().BeEmpty();
        (await s_bridge.GetAsync("/api/keymgmt/get/" + kid, getToken)).Status.Should().Be(406);
        (await s_bridge.SendAsync(HttpMethod.Delete, "/api/keymgmt/delete/" + kid, token: token)).Status.Should().Be(406);
        var (keys, total) = await ListAllAsync();
        total.Should().Be(totalBefore - 1);
        keys.Select(key => key["kid"]!.GetValue<string>()).Should().NotContain(kid);
    }

    [TestMethod]
    public async Task Import_of_a_dotnet_p256_key_gets_the_sha1_kid_and_a_second_import_answers_406()
    {
        // Arrange: a key pair made outside the device, its point compressed here (SEC1 §2.3.3).
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(false).Q;
        byte[] compressed = [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!];
        var body = new { label = "E2E import p256", type = "SECP256R1", pubkey = Convert.ToBase64String(compressed), descr = B64("E2E:import") };
        var token = await TokenAsync("keymgmt:imp");

        // Act
        var first = await s_bridge.PostAsync("/api/keymgmt/import", body, token);
        var second = await s_bridge.PostAsync("/api/keymgmt/import", body, token);

        // Assert
        first.Status.Should().Be(200);
        var kid = first.Json["kid"]!.GetValue<string>();
        kid.Should().Be(KidOf(compressed));
        second.Status.Should().Be(406, "the same key gives the same kid (spec §12.9)");
        var listed = await FindAsync("E2E:import");
        listed["type"]!.GetValue<string>().Should().EndWith("SECP256R1").And.NotContain("ATT").And.NotContain("PKEY");
        var get = await s_bridge.GetAsync("/api/keymgmt/get/" + kid, await TokenAsync("keymgmt:get"));
        get.Json["pubkey"]!.GetValue<string>().Should().Be(Convert.ToBase64String(compressed));
    }

    [TestMethod]
    public async Task Import_of_an_uncompressed_point_or_a_symmetric_type_answers_406()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(false).Q;
        byte[] uncompressed = [0x04, .. q.X!, .. q.Y!];
        var token = await TokenAsync("keymgmt:imp");

        (await s_bridge.PostAsync("/api/keymgmt/import", new { label = "E2E 04", type = "SECP256R1", pubkey = Convert.ToBase64String(uncompressed) }, token))
            .Status.Should().Be(406);
        (await s_bridge.PostAsync("/api/keymgmt/import", new { label = "E2E aes", type = "AES256", pubkey = Convert.ToBase64String(new byte[32]) }, token))
            .Status.Should().Be(406);
    }

    [TestMethod]
    public async Task Derive_from_curve25519_equals_x25519_and_hkdf_computed_on_the_peer_side()
    {
        // Arrange: a device key, and a peer key pair made here with BouncyCastle.
        var source = await CreateAsync("CURVE25519", "E2E derive source", null);
        var devicePublic = Convert.FromBase64String(
            (await s_bridge.GetAsync("/api/keymgmt/get/" + source, await TokenAsync("keymgmt:get"))).Json["pubkey"]!.GetValue<string>());
        var peerPrivate = RandomNumberGenerator.GetBytes(X25519.ScalarSize);
        var peerPublic = new byte[X25519.PointSize];
        X25519.ScalarMultBase(peerPrivate, 0, peerPublic, 0);
        var shared = new byte[X25519.PointSize];
        X25519.CalculateAgreement(peerPrivate, 0, devicePublic, 0, shared, 0).Should().BeTrue();
        var token = await TokenAsync("keymgmt:gen");

        // Act
        var derived = await s_bridge.PostAsync("/api/keymgmt/derive",
            new { kid = source, pubkey = Convert.ToBase64String(peerPublic), label = "E2E derived", type = "AES256", descr = B64("E2E:derived") }, token);
        var again = await s_bridge.PostAsync("/api/keymgmt/derive",
            new { kid = source, pubkey = Convert.ToBase64String(peerPublic), label = "E2E derived 2", type = "AES256" }, token);

        // Assert: kid = SHA-1(HKDF-SHA256(ss, no salt, "encedo-AES256", 32))[0..16) (spec §12.10, §17.4, §18.3).
        derived.Status.Should().Be(200);
        var okm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, salt: [], info: Encoding.ASCII.GetBytes("encedo-AES256"));
        derived.Json["kid"]!.GetValue<string>().Should().Be(KidOf(okm));
        again.Status.Should().Be(406, "the same derivation gives the same key, a duplicate kid");
        (await FindAsync("E2E:derived"))["type"]!.GetValue<string>().Should().Be("PKEY,AES256", "derived keys carry no ATT (spec §17.2)");
    }

    [TestMethod]
    public async Task Derive_with_a_stored_peer_uses_its_public_key()
    {
        // Arrange: the peer's public key imported into the device, referred to by ext_kid.
        var source = await CreateAsync("CURVE25519", "E2E derive ext source", null);
        var devicePublic = Convert.FromBase64String(
            (await s_bridge.GetAsync("/api/keymgmt/get/" + source, await TokenAsync("keymgmt:get"))).Json["pubkey"]!.GetValue<string>());
        var peerPrivate = RandomNumberGenerator.GetBytes(X25519.ScalarSize);
        var peerPublic = new byte[X25519.PointSize];
        X25519.ScalarMultBase(peerPrivate, 0, peerPublic, 0);
        var imported = await s_bridge.PostAsync("/api/keymgmt/import",
            new { label = "E2E peer", type = "CURVE25519", pubkey = Convert.ToBase64String(peerPublic) }, await TokenAsync("keymgmt:imp"));
        var extKid = imported.Json["kid"]!.GetValue<string>();

        // Act
        var derived = await s_bridge.PostAsync("/api/keymgmt/derive",
            new { kid = source, ext_kid = extKid, label = "E2E derived ext", type = "SHA2-256" }, await TokenAsync("keymgmt:gen"));

        // Assert
        derived.Status.Should().Be(200);
        var shared = new byte[X25519.PointSize];
        X25519.CalculateAgreement(peerPrivate, 0, devicePublic, 0, shared, 0).Should().BeTrue();
        var okm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, salt: [], info: Encoding.ASCII.GetBytes("encedo-SHA2-256"));
        derived.Json["kid"]!.GetValue<string>().Should().Be(KidOf(okm));
    }

    [TestMethod]
    public async Task Cli_keys_list_all_prints_every_key_the_device_lists()
    {
        await CreateAsync("AES128", "E2E cli", "E2E:cli");
        var (keys, _) = await ListAllAsync();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await HemSim.Cli.Program.RunAsync(
            ["keys", "list", "--all", "--url", s_bridge.Https.ToString(), "--ca", Path.Combine(s_folder, "ca.pem"), "--token", await TokenAsync("keymgmt:list")],
            stdout, stderr);

        exit.Should().Be(0, stderr.ToString());
        var rows = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).SkipLast(1).Select(line => line[..32]);
        rows.Should().Equal(keys.Select(key => key["kid"]!.GetValue<string>()));
        stdout.ToString().Should().Contain("E2E cli").And.Contain("E2E:cli");
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Keys_survive_a_restart_of_the_bridge_on_the_same_data_folder()
    {
        // Arrange
        await CreateAsync("SECP521R1", "E2E persist", "E2E:persist");
        var before = (await ListAllAsync()).Keys.Select(Record).ToList();

        // Act: stop the process as an operator would and start a new one on the same folder.
        await s_bridge.DisposeAsync();
        s_tokens.Clear();
        s_bridge = await BridgeProcess.StartAsync(s_folder);
        var after = (await ListAllAsync()).Keys.Select(Record).ToList();

        // Assert
        after.Should().Equal(before);
        static string Record(JsonObject key) => string.Join("|",
            key["kid"]!.GetValue<string>(), key["type"]!.GetValue<string>(), key["label"]!.GetValue<string>(),
            key["descr"]?.GetValue<string>() ?? "", key["created"]!.GetValue<long>(), key["updated"]!.GetValue<long>());
    }

    /// <summary>One login per scope and bridge process (each login takes at least 500 ms, spec §5.6).</summary>
    private static async Task<string> TokenAsync(string scope)
    {
        if (!s_tokens.TryGetValue(scope, out var token))
        {
            token = await s_client.TokenAsync(s_bridge, scope);
            s_tokens[scope] = token;
        }
        return token;
    }

    private static async Task<string> CreateAsync(string type, string label, string? descr)
    {
        object body = descr is null ? new { label, type } : new { label, type, descr = B64(descr) };
        var reply = await s_bridge.PostAsync("/api/keymgmt/create", body, await TokenAsync("keymgmt:gen"));
        reply.Status.Should().Be(200, $"creating a {type} key must work");
        return reply.Json["kid"]!.GetValue<string>();
    }

    /// <summary>The clients' paging (spec §12.2): <c>offset += listed</c> until <c>offset ≥ total</c> or an empty page.</summary>
    private static async Task<(List<JsonObject> Keys, int Total)> ListAllAsync()
    {
        var token = await TokenAsync("keymgmt:list");
        var keys = new List<JsonObject>();
        int offset = 0, total, listed;
        do
        {
            var page = await s_bridge.GetAsync($"/api/keymgmt/list/{offset}", token);
            page.Status.Should().Be(200);
            var json = page.Json;
            json["offset"]!.GetValue<int>().Should().Be(offset);
            total = json["total"]!.GetValue<int>();
            listed = json["listed"]!.GetValue<int>();
            listed.Should().BeLessThanOrEqualTo(15);
            keys.AddRange(json["list"]!.AsArray().Select(node => node!.AsObject()));
            offset += listed;
        }
        while (offset < total && listed > 0);
        return (keys, total);
    }

    /// <summary>Every kid matching <paramref name="needle"/>, paging like the tester does (200 with an empty page past the end).</summary>
    private static async Task<List<string>> SearchAllAsync(string needle)
    {
        var token = await TokenAsync("keymgmt:search");
        var kids = new List<string>();
        int offset = 0, total, listed;
        do
        {
            var page = await s_bridge.PostAsync("/api/keymgmt/search", new { descr = needle, offset }, token);
            page.Status.Should().Be(200);
            total = page.Json["total"]!.GetValue<int>();
            listed = page.Json["listed"]!.GetValue<int>();
            kids.AddRange(page.Json["list"]!.AsArray().Select(node => node!["kid"]!.GetValue<string>()));
            offset += listed;
        }
        while (offset < total && listed > 0);
        return kids;
    }

    /// <summary>The single key whose description is exactly <paramref name="descr"/>.</summary>
    private static async Task<JsonObject> FindAsync(string descr)
    {
        var reply = await s_bridge.PostAsync("/api/keymgmt/search", new { descr = "^" + B64(descr) + "$" }, await TokenAsync("keymgmt:search"));
        reply.Status.Should().Be(200, $"a key with descr '{descr}' exists");
        return reply.Json["list"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    /// <summary>Spec §17.4: kid = hex(SHA-1(bytes)[0..16)).</summary>
    private static string KidOf(byte[] bytes) => Convert.ToHexStringLower(SHA1.HashData(bytes).AsSpan(0, 16));
}
