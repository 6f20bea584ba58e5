using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// One provisioned device behind the real bridge process: login with the §6.1 client algorithm and
/// <c>POST /api/keymgmt/create</c> over HTTPS with every key type and every error path of spec §12.7.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class KeyCreationEndToEndTests
{
    private static readonly string[] s_allTypes =
    [
        "SECP256R1", "SECP384R1", "SECP521R1", "SECP256K1", "CURVE25519", "CURVE448", "ED25519", "ED448",
        "SHA2-256", "SHA2-384", "SHA2-512", "SHA3-256", "SHA3-384", "SHA3-512", "AES128", "AES192", "AES256",
        "MLKEM512", "MLKEM768", "MLKEM1024", "MLDSA44", "MLDSA65", "MLDSA87",
    ];

    private static string s_folder = "";
    private static BridgeProcess s_bridge = null!;
    private static PassphraseClient s_client = null!;
    private static string s_genToken = "";

    [ClassInitialize]
    public static async Task StartProvisionedBridge(TestContext _)
    {
        s_folder = TestBridge.NewDataFolder();
        s_bridge = await BridgeProcess.StartAsync(s_folder);
        var eid = (await s_bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
        s_client = PassphraseClient.Derive(eid);
        var provisioned = await s_client.ProvisionAsync(s_bridge);
        provisioned.Status.Should().Be(200, "provisioning must succeed before any key test");
        s_genToken = await s_client.TokenAsync(s_bridge, "keymgmt:gen");
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
    public async Task Creates_all_23_key_types_over_https()
    {
        var kids = new List<string>();
        foreach (var type in s_allTypes)
        {
            // Act
            var reply = await s_bridge.PostAsync("/api/keymgmt/create",
                new { label = "E2E " + type, type, descr = Convert.ToBase64String(Encoding.ASCII.GetBytes("CCTEST:" + type)) }, s_genToken);

            // Assert
            reply.Status.Should().Be(200, $"type {type} is creatable");
            kids.Add(reply.Json["kid"]!.GetValue<string>());
        }
        kids.Should().OnlyHaveUniqueItems().And.AllSatisfy(kid => kid.Should().MatchRegex("^[0-9a-f]{32}$"));
    }

    [TestMethod]
    public async Task Create_over_plain_http_answers_418()
    {
        var reply = await s_bridge.PostAsync("/api/keymgmt/create", new { label = "plain", type = "AES256" }, s_genToken, tls: false);

        reply.Status.Should().Be(418);
        reply.Body.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Create_without_token_answers_401()
    {
        var reply = await s_bridge.PostAsync("/api/keymgmt/create", new { label = "no token", type = "AES256" });

        reply.Status.Should().Be(401);
    }

    [TestMethod]
    public async Task Create_with_a_list_scope_answers_403()
    {
        var token = await s_client.TokenAsync(s_bridge, "keymgmt:list");

        var reply = await s_bridge.PostAsync("/api/keymgmt/create", new { label = "wrong scope", type = "AES256" }, token);

        reply.Status.Should().Be(403);
    }

    [TestMethod]
    public async Task Create_with_a_master_token_answers_403()
    {
        var token = await s_client.TokenAsync(s_bridge, "keymgmt:gen", admin: true);

        var reply = await s_bridge.PostAsync("/api/keymgmt/create", new { label = "master", type = "AES256" }, token);

        reply.Status.Should().Be(403);
    }

    [TestMethod]
    [DataRow("""{"label":"bad type","type":"AES-256"}""", DisplayName = "unknown type")]
    [DataRow("""{"type":"AES256"}""", DisplayName = "label missing")]
    [DataRow("""{"label":"","type":"AES256"}""", DisplayName = "empty label")]
    [DataRow("""{"label":"123456789012345678901234567890123","type":"AES256"}""", DisplayName = "33-character label")]
    [DataRow("""{"label":"descr","type":"AES256","descr":"!!not base64!!"}""", DisplayName = "malformed descr")]
    [DataRow("""{"label":"broken","type":"AES256" """, DisplayName = "unparseable JSON")]
    public async Task Create_with_invalid_fields_answers_400(string body)
    {
        var reply = await s_bridge.PostAsync("/api/keymgmt/create", body, s_genToken);

        reply.Status.Should().Be(400);
    }

    [TestMethod]
    public async Task Login_answers_no_sooner_than_500_ms()
    {
        var reply = await s_client.LoginAsync(s_bridge, "keymgmt:list");

        reply.Status.Should().Be(200);
        reply.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500));
    }

    [TestMethod]
    public async Task Provisioning_challenge_answers_406_once_initialised()
    {
        var reply = await s_bridge.GetAsync("/api/auth/init", tls: false);

        reply.Status.Should().Be(406);
    }

    [TestMethod]
    public async Task Status_with_a_forged_token_answers_401()
    {
        var parts = s_genToken.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', 43);

        var reply = await s_bridge.GetAsync("/api/system/status", forged, tls: false);

        reply.Status.Should().Be(401);
    }

    [TestMethod]
    public async Task Issued_token_carries_the_requested_scope_and_role()
    {
        var payload = s_genToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')))!;

        json["scope"]!.GetValue<string>().Should().Be("keymgmt:gen");
        json["sub"]!.GetValue<string>().Should().Be("U");
    }
}
