namespace HemSim.Transport.Tests.Support;

/// <summary>
/// Long runs are opt-in: set <c>HEMSIM_SOAK=1</c> to run the noisy-link and fuzz tests with many times more
/// requests and inputs (minutes instead of seconds). The default run stays fast.
/// </summary>
internal static class Soak
{
    public static bool Enabled => Environment.GetEnvironmentVariable("HEMSIM_SOAK") == "1";

    /// <summary><paramref name="normal"/>, or <paramref name="soak"/> when soaking.</summary>
    public static int Scale(int normal, int soak) => Enabled ? soak : normal;
}
