namespace HemSim.Cli.Keys;

/// <summary>The 23 key type strings the device accepts in <c>type</c> (spec §17.1), in that table's order.</summary>
internal static class KeyTypes
{
    public static readonly IReadOnlyList<string> All =
    [
        "SECP256R1", "SECP384R1", "SECP521R1", "SECP256K1",
        "CURVE25519", "CURVE448", "ED25519", "ED448",
        "SHA2-256", "SHA3-256", "SHA2-384", "SHA3-384", "SHA2-512", "SHA3-512",
        "AES128", "AES192", "AES256",
        "MLKEM512", "MLKEM768", "MLKEM1024",
        "MLDSA44", "MLDSA65", "MLDSA87",
    ];

    /// <summary>Finds the device spelling of <paramref name="name"/>, ignoring case (the device itself is exact).</summary>
    public static bool TryNormalise(string name, out string type)
    {
        type = All.FirstOrDefault(candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) ?? "";
        return type.Length > 0;
    }
}
