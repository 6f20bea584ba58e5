using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary>A fake device answering <c>/api/system/config</c> like a provisioned PPA (spec §11.5).</summary>
internal static class ConfigCommandRig
{
    public const string Token = "config-token";
    public const string Nonce = "AAAAAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxw=";

    public static string ConfigJson =>
        $$"""{"iat":1764000000,"uts":1764000100,"devid":"2023b758c209269a","instanceid":"e7aafede-76b1-c7c8-784b-c963967fe307","eid":"{{FakeDeviceAuth.Vectors.Eid}}","eid_sign":"c2lnbg==","user":"Alice","email":"","hostname":"my.ence.do","dnsd":false,"trusted_ts":true,"trusted_backend":false,"allow_keysearch":false,"origin":"*","ctx":0,"ip":"192.168.7.1/24","http_option_hsts":false,"http_option_dosprot_mode":0,"genuine_id":"0123eb561f5ea073ee","storage_mode":81,"storage_disk0size":8388608,"storage_capacity":120979456,"spk":"{{FakeDeviceAuth.Vectors.Spk}}","nonce":"{{Nonce}}"}""";

    public static async Task<FakeHem> StartAsync()
    {
        FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        hem.On("GET", "/api/system/config", FakeReply.Json(ConfigJson));
        return hem;
    }
}
