using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// The six digests of spec §18.1 (<c>SHA2-256|SHA2-384|SHA2-512|SHA3-256|SHA3-384|SHA3-512</c>): the hash
/// (FIPS 180-4, FIPS 202) and HMAC over it (RFC 2104 / FIPS 198-1). Used by <c>hmac/hash</c>, <c>hmac/verify</c>
/// (§13.1, §13.2; the digest of a stored key follows from its type) and <c>ecdh</c> (§13.9, the optional hash).
/// Reach instances through the family: <c>Digest.Sha3_256.Mac(key, msg)</c>.
/// </summary>
/// <remarks>
/// Issue #5 asks for the platform's primitive where one exists: .NET's one-shot static APIs (OpenSSL on Linux).
/// SHA-3 is missing on some platforms (<c>SHA3_256.IsSupported</c> false, e.g. macOS); there BouncyCastle
/// computes the same values.
/// </remarks>
internal sealed class Digest
{
    private readonly Kind _kind;

    private Digest(Kind kind, string name, int hashSize)
    {
        _kind = kind;
        Name = name;
        HashSize = hashSize;
    }

    private enum Kind
    {
        Sha2_256,
        Sha2_384,
        Sha2_512,
        Sha3_256,
        Sha3_384,
        Sha3_512,
    }

    public static Digest Sha2_256 { get; } = new(Kind.Sha2_256, "SHA2-256", 32);

    public static Digest Sha2_384 { get; } = new(Kind.Sha2_384, "SHA2-384", 48);

    public static Digest Sha2_512 { get; } = new(Kind.Sha2_512, "SHA2-512", 64);

    public static Digest Sha3_256 { get; } = new(Kind.Sha3_256, "SHA3-256", 32);

    public static Digest Sha3_384 { get; } = new(Kind.Sha3_384, "SHA3-384", 48);

    public static Digest Sha3_512 { get; } = new(Kind.Sha3_512, "SHA3-512", 64);

    public static IReadOnlyList<Digest> All { get; } = [Sha2_256, Sha2_384, Sha2_512, Sha3_256, Sha3_384, Sha3_512];

    /// <summary>The wire spelling of spec §18.1, e.g. <c>SHA3-384</c>.</summary>
    public string Name { get; }

    /// <summary>Output bytes of the hash and of the HMAC: 32, 48 or 64.</summary>
    public int HashSize { get; }

    private bool IsSha3 => _kind is Kind.Sha3_256 or Kind.Sha3_384 or Kind.Sha3_512;

    /// <summary>The digest named <paramref name="name"/>, spelled exactly as spec §18.1 writes it (case matters).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out Digest? digest)
    {
        digest = All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
        return digest is not null;
    }

    /// <summary>The digest an HMAC key of <paramref name="type"/> uses (spec §17.1: fixed by the type); false for other types.</summary>
    public static bool TryForHmacKey(KeyType type, [NotNullWhen(true)] out Digest? digest)
    {
        digest = type switch
        {
            KeyType.Sha2_256 => Sha2_256,
            KeyType.Sha2_384 => Sha2_384,
            KeyType.Sha2_512 => Sha2_512,
            KeyType.Sha3_256 => Sha3_256,
            KeyType.Sha3_384 => Sha3_384,
            KeyType.Sha3_512 => Sha3_512,
            _ => null,
        };
        return digest is not null;
    }

    /// <summary>Hash(<paramref name="data"/>), <see cref="HashSize"/> bytes.</summary>
    public byte[] Hash(ReadOnlySpan<byte> data)
    {
        if (IsSha3 && !SHA3_256.IsSupported)
        {
            return HashManaged(data);
        }
        return _kind switch
        {
            Kind.Sha2_256 => SHA256.HashData(data),
            Kind.Sha2_384 => SHA384.HashData(data),
            Kind.Sha2_512 => SHA512.HashData(data),
            Kind.Sha3_256 => SHA3_256.HashData(data),
            Kind.Sha3_384 => SHA3_384.HashData(data),
            _ => SHA3_512.HashData(data),
        };
    }

    /// <summary>HMAC(<paramref name="key"/>, <paramref name="message"/>), <see cref="HashSize"/> bytes; any key length.</summary>
    public byte[] Mac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        if (IsSha3 && !HMACSHA3_256.IsSupported)
        {
            return MacManaged(key, message);
        }
        return _kind switch
        {
            Kind.Sha2_256 => HMACSHA256.HashData(key, message),
            Kind.Sha2_384 => HMACSHA384.HashData(key, message),
            Kind.Sha2_512 => HMACSHA512.HashData(key, message),
            Kind.Sha3_256 => HMACSHA3_256.HashData(key, message),
            Kind.Sha3_384 => HMACSHA3_384.HashData(key, message),
            _ => HMACSHA3_512.HashData(key, message),
        };
    }

    public override string ToString() => Name;

    /// <summary>The BouncyCastle path (used where .NET has no SHA-3); internal so tests can compare both paths.</summary>
    internal byte[] HashManaged(ReadOnlySpan<byte> data)
    {
        var digest = CreateManaged();
        var output = new byte[digest.GetDigestSize()];
        digest.BlockUpdate(data);
        digest.DoFinal(output);
        return output;
    }

    /// <summary>HMAC with BouncyCastle; internal so tests can compare both paths.</summary>
    internal byte[] MacManaged(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        var hmac = new HMac(CreateManaged());
        hmac.Init(new KeyParameter(key));
        hmac.BlockUpdate(message);
        var output = new byte[hmac.GetMacSize()];
        hmac.DoFinal(output);
        return output;
    }

    private Org.BouncyCastle.Crypto.IDigest CreateManaged() => _kind switch
    {
        Kind.Sha2_256 => new Sha256Digest(),
        Kind.Sha2_384 => new Sha384Digest(),
        Kind.Sha2_512 => new Sha512Digest(),
        // Sha3Digest reports the FIPS 202 rate (136/104/72 bytes) as its byte length, which HMac takes as the
        // block size B of FIPS 198-1: the HMAC-SHA3 of NIST's examples and of .NET/OpenSSL.
        Kind.Sha3_256 => new Sha3Digest(256),
        Kind.Sha3_384 => new Sha3Digest(384),
        _ => new Sha3Digest(512),
    };
}
