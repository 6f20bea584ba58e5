using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary>What the <c>crypto</c> verb tests share: a kid, a token and a run of the CLI against a fake device.</summary>
internal static class CryptoCommandRig
{
    public const string Kid = "3a1f0c9d8e7b6a5f4e3d2c1b0a998877";
    public const string Peer = "00112233445566778899aabbccddeeff";
    public const string Token = "use-token";

    /// <summary>base64("hello")</summary>
    public const string Hello = "aGVsbG8=";

    public static string Nl => Environment.NewLine;

    /// <summary>Runs <c>hemsim</c> with <paramref name="args"/> against <paramref name="hem"/> with <see cref="Token"/>.</summary>
    public static Task<CliResult> RunAsync(FakeHem hem, params string[] args) =>
        new CliInvocation().RunAsync([.. args, "--url", hem.UrlText, "--token", Token]);

    /// <summary>A fake device whose <paramref name="path"/> answers <paramref name="reply"/>.</summary>
    public static async Task<FakeHem> DeviceAsync(string path, FakeReply reply)
    {
        FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", path, reply);
        return hem;
    }
}
