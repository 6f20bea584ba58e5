using System.Text;
using HemSim.Firmware.Crypto;

namespace HemSim.Firmware.Keystore;

/// <summary>
/// Flags of the attribute string (spec §17.2), stored in flash as an integer: never reuse a value.
/// </summary>
[Flags]
internal enum KeyFlags
{
    None = 0,
    /// <summary>Generated on the device (attested).</summary>
    Att = 1,
    /// <summary>Private or secret material is present.</summary>
    Pkey = 2,
    /// <summary>Allowed for key agreement.</summary>
    Ecdh = 4,
    /// <summary>Allowed for signing/verification.</summary>
    ExDsa = 8,
    /// <summary>Certificate record.</summary>
    Cert = 16,
    /// <summary>Post-quantum key.</summary>
    Pqc = 32,
}

internal static class KeyAttributes
{
    /// <summary>Builds <c>[ATT,][PKEY,][ECDH,][ExDSA,][CERT,][PQC,]&lt;ALG&gt;</c> in the order [Y] lists.</summary>
    public static string Format(KeyFlags flags, KeyType type)
    {
        var text = new StringBuilder();
        Append(KeyFlags.Att, "ATT");
        Append(KeyFlags.Pkey, "PKEY");
        Append(KeyFlags.Ecdh, "ECDH");
        Append(KeyFlags.ExDsa, "ExDSA");
        Append(KeyFlags.Cert, "CERT");
        Append(KeyFlags.Pqc, "PQC");
        return text.Append(KeyTypes.WireName(type)).ToString();

        void Append(KeyFlags flag, string name)
        {
            if (flags.HasFlag(flag))
            {
                text.Append(name).Append(',');
            }
        }
    }

    /// <summary>
    /// Usage flags of a key (spec §12.7 <c>mode</c>, §17.2 SIM table). SECP keys take their usages from
    /// <paramref name="mode"/> (ECDH and/or ExDSA by substring; neither → ECDH); other types have fixed
    /// usages and ignore <paramref name="mode"/> whatever it says, because clients send the type name there.
    /// </summary>
    public static KeyFlags UsageFor(KeyType type, string? mode) => KeyTypes.ClassOf(type) switch
    {
        KeyClass.Secp => SecpUsage(mode),
        KeyClass.Montgomery => KeyFlags.Ecdh,
        KeyClass.Edwards => KeyFlags.ExDsa,
        KeyClass.MlKem or KeyClass.MlDsa => KeyFlags.Pqc,
        _ => KeyFlags.None,
    };

    private static KeyFlags SecpUsage(string? mode)
    {
        var usage = KeyFlags.None;
        if (mode is not null && mode.Contains("ECDH", StringComparison.Ordinal))
        {
            usage |= KeyFlags.Ecdh;
        }
        if (mode is not null && mode.Contains("ExDSA", StringComparison.Ordinal))
        {
            usage |= KeyFlags.ExDsa;
        }
        return usage == KeyFlags.None ? KeyFlags.Ecdh : usage;
    }
}
