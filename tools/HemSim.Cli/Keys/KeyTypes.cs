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

    /// <summary>
    /// The 14 asymmetric types <c>keymgmt/import</c> takes, with the exact length of their public key in the
    /// spec §17.5 encoding (compressed points for SECP*).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> ImportablePublicKeySizes = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["SECP256R1"] = 33, ["SECP384R1"] = 49, ["SECP521R1"] = 67, ["SECP256K1"] = 33,
        ["CURVE25519"] = 32, ["CURVE448"] = 56, ["ED25519"] = 32, ["ED448"] = 57,
        ["MLKEM512"] = 800, ["MLKEM768"] = 1184, ["MLKEM1024"] = 1568,
        ["MLDSA44"] = 1312, ["MLDSA65"] = 1952, ["MLDSA87"] = 2592,
    };

    /// <summary>The 17 non-PQC types <c>keymgmt/derive</c> can make (spec §12.10, §17.1 "Derive target").</summary>
    public static readonly IReadOnlyList<string> DeriveTargets = [.. All.Where(type => !IsPqc(type))];

    /// <summary>Types whose points travel compressed (spec §17.5): the first byte is 02 or 03.</summary>
    public static bool IsSecp(string type) => type.StartsWith("SECP", StringComparison.Ordinal);

    public static bool IsPqc(string type) => type.StartsWith("MLKEM", StringComparison.Ordinal) || type.StartsWith("MLDSA", StringComparison.Ordinal);

    /// <summary>Finds the device spelling of <paramref name="name"/>, ignoring case (the device itself is exact).</summary>
    public static bool TryNormalise(string name, out string type)
    {
        type = All.FirstOrDefault(candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) ?? "";
        return type.Length > 0;
    }
}
