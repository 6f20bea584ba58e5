using System.Security.Cryptography;
using System.Text;
using HemSim.Backend.Checkin;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Utilities;

namespace HemSim.Backend.Registration;

/// <summary>
/// Recovers a device's attestation public key from its <c>genuine</c> token (spec §11.7:
/// <c>b64(SKI) "." b64(ASCII decimal time) "." b64(DER ECDSA-P256 signature over the first two parts joined by
/// ".", SHA-256)</c>, SKI = SHA-1 of the uncompressed public point). ECDSA public-key recovery (SEC 1 §4.1.6): for
/// each candidate point R with x = r (+ n) and either y parity, Q = r⁻¹(sR − eG); the candidate whose SKI is the
/// token's is the key — it necessarily verifies the signature. BouncyCastle point arithmetic.
/// </summary>
internal static class GenuineKeyRecovery
{
    private static readonly X9ECParameters s_p256 = ECNamedCurveTable.GetByName("P-256");

    /// <summary>The attestation public point (SEC1 uncompressed, 65 bytes), or null when no candidate's SKI matches.</summary>
    public static byte[]? Recover(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3
            || !Jws.TryDecode(parts[0].Trim(), out var ski)
            || !Jws.TryDecode(parts[2].Trim(), out var signature)
            || !TryReadSignature(signature, out var r, out var s))
        {
            return null;
        }
        var n = s_p256.N;
        var e = new BigInteger(1, SHA256.HashData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
        var rInverse = r.ModInverse(n);
        var u1 = e.Negate().Multiply(rInverse).Mod(n);
        var u2 = s.Multiply(rInverse).Mod(n);
        var p = s_p256.Curve.Field.Characteristic;
        for (var x = r; x.CompareTo(p) < 0; x = x.Add(n))
        {
            foreach (byte prefix in new byte[] { 0x02, 0x03 })
            {
                Org.BouncyCastle.Math.EC.ECPoint candidate;
                try
                {
                    candidate = s_p256.Curve.DecodePoint([prefix, .. BigIntegers.AsUnsignedByteArray(32, x)]);
                }
                catch (ArgumentException)
                {
                    continue; // x is not the abscissa of a curve point
                }
                var q = ECAlgorithms.SumOfTwoMultiplies(s_p256.G, u1, candidate, u2).Normalize();
                if (q.IsInfinity)
                {
                    continue;
                }
                var encoded = q.GetEncoded(false);
                if (SHA1.HashData(encoded).AsSpan().SequenceEqual(ski))
                {
                    return encoded;
                }
            }
        }
        return null;
    }

    private static bool TryReadSignature(byte[] der, out BigInteger r, out BigInteger s)
    {
        r = s = BigInteger.Zero;
        try
        {
            var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(der));
            if (sequence.Count != 2)
            {
                return false;
            }
            r = DerInteger.GetInstance(sequence[0]).PositiveValue;
            s = DerInteger.GetInstance(sequence[1]).PositiveValue;
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or InvalidCastException)
        {
            return false;
        }
        var n = s_p256.N;
        return r.SignValue > 0 && r.CompareTo(n) < 0 && s.SignValue > 0 && s.CompareTo(n) < 0;
    }
}
