using System.Security.Cryptography;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.SelfTest;

internal static partial class PowerOnSelfTest
{
    // NIST ACVP-Server gen-val/json-files/ML-KEM-encapDecap-FIPS203/internalProjection.json (revision 092b939),
    // tgId 1 (ML-KEM-512 encapsulation), tcId 1: ek and m in, SHA-256 of the published c and the published k out.
    internal static readonly byte[] MlKemEk = Convert.FromHexString(
        "2D74C48D2A6F21D9B5E9AA8D97895ABA3B9F011C46BB07005F048F2314A797294EB5A725CDC8CC555318EAD4116C1985713053710776E415400108D0A602C0ED866CEDCBB0BF805E2BE828916BB8397B59C8C1478541AE1E56722FF186C7B1BC8FDC9C5B5C1F3C815472F85201DBC344C531B27B492BF083165376CF5684C21B158F009BE2B59FAD509EEE7950D815AC2D349E0A5800D3799813A7977E2A60FA4C4AAE93B7F69288CBA0558EC961F8260305B5B7B64679B90A520F0B2CC7F86766071EA0E6CAF2101BC3C65088116AE237761230ABAE4C20DA6AAB173298FE0C09038173EB895FD22B044CD4B18845B329F559A3700D7B42891CF76917945E289128C6054B5BB3C8A8C822F929C618633CE72253FC9C09971B4169A1B17905BC5EA318081147DD4A12EC285A42F26E64810DD887C9BE9B3213F40FE9453ADBB3135A464F3B4ABA66FB4AD8E3B2A7479C56C0847872AAF9115921159B180302D3D325D239098833460DA2A10E9080C162069D17ACF727CA8B83059AA344D7988A7176714B99372FA8B662F30741A91C40D48F45AA69F2356F10053909233595933CDF135D1829605F70890C3B087C8BC9A71A1A7AB606BAE4503BE1878C00B1D22049DCE4C33B3185CDB433551A6A458B178348440B146E72F3BE188886796A64CBE0C213DB29033C040F19A9EA359549C18A105A881B5368532B9D686013E0AA953EF2B08283B6CA279A27BCA8EB18B405106BB836B45296666A2357F8B577C173B82109711D74910407427FDA8800B442F4F15EE025CD6D1B5C3FE24A1CA855A72B56E998A26BBC512E33A296D8907BC31B44AAC0F91BAACE91A583982936BA8B0AB07348B46B3850C5279775D655C16D38806CFB012856C7136155EE259EDA2C730238A1979934F611341A46610E18A18F31BCD7C22AC9F14B291716F67146168753B238C411294083992D62F1C9093A6DC085C5A253CF28E42DF0EABB20E43691B001AC634E1D612E1BBA973D3C8AC7CBBF7B631B75B39659258745BB9D06EBCE1B4A0127793BF46C39227C2DD199B4CBE7AB11179FCD40A0D974771557103567B053860B321884771C37FE453E56142F718AFB5136114AD0ACCD39DBF876");
    internal static readonly byte[] MlKemM = Convert.FromHexString("09287E0E768EA733BB51ABD507564DF1EF0EC295B4899173F16CC66229D5E0B0");
    internal static readonly byte[] MlKemCiphertextSha256 = Convert.FromHexString("555306f619f696605a07fde523f2517cfaf727e3a23bb88ca5f45d72ce7f2e55");
    internal static readonly byte[] MlKemK = Convert.FromHexString("738C8C3CC91F7606BB04C318DAA0D29406C492334C9B3CAA372C68C4375FE19D");

    // NIST ACVP-Server gen-val/json-files/ML-DSA-keyGen-FIPS204 (revision a9496ad), tgId 1 (ML-DSA-44), tcId 1:
    // the seed ξ in, SHA-256 of the published pk out.
    internal static readonly byte[] MlDsaSeed = Convert.FromHexString("079EAB79AB14747CA01582B59F2624191B0C59FA219CDEB79F66669DAF0E695E");
    internal static readonly byte[] MlDsaPublicKeySha256 = Convert.FromHexString("abd86d76cc983b72f3d7fd10d80fdc04fb751001e3971eabc9595763c218f90e");

    /// <summary>
    /// Known-answer tests of ML-KEM and ML-DSA (FIPS 203/204), kept cheap for boot: ML-KEM-512 deterministic
    /// encapsulation (ACVP), ML-DSA-44 key generation from ξ (ACVP), then a deterministic ML-DSA-44 signature
    /// that must verify, and must not once a bit of it flips (pairwise consistency, FIPS 140-3 IG 10.3.A).
    /// </summary>
    private static bool PqcFamiliesPass() =>
        MlKemEncapsulationPasses(MlKemCiphertextSha256, MlKemK) && MlDsaPasses(MlDsaPublicKeySha256);

    /// <summary>Encapsulates the ACVP m to the ACVP ek; true when c hashes to and K equals the expected values.</summary>
    internal static bool MlKemEncapsulationPasses(ReadOnlySpan<byte> ciphertextSha256, ReadOnlySpan<byte> sharedSecret)
    {
        var kem = MlKem.MlKem512;
        return kem.TryEncapsulate(kem.ImportPublicKey(MlKemEk), new FixedEntropy(MlKemM), out var k, out var ciphertext)
            && SHA256.HashData(ciphertext).AsSpan().SequenceEqual(ciphertextSha256)
            && k.AsSpan().SequenceEqual(sharedSecret);
    }

    /// <summary>Key generation from the ACVP ξ (pk must hash to the expected value), then sign, verify, reject.</summary>
    internal static bool MlDsaPasses(ReadOnlySpan<byte> publicKeySha256)
    {
        var dsa = MlDsa.MlDsa44;
        var key = dsa.OpenPrivateKey(MlDsaSeed);
        if (!SHA256.HashData(key.PublicKey.Export()).AsSpan().SequenceEqual(publicKeySha256))
        {
            return false;
        }
        ReadOnlySpan<byte> message = "HEM power-on self-test"u8;
        var signature = dsa.Sign(key, message, context: [], entropy: null);
        if (!dsa.Verify(key.PublicKey, message, [], signature))
        {
            return false;
        }
        signature[0] ^= 1;
        return !dsa.Verify(key.PublicKey, message, [], signature);
    }

    /// <summary>Serves one fixed byte string (the KAT's m), then fails: the test must draw exactly that.</summary>
    private sealed class FixedEntropy(byte[] bytes) : IEntropySource
    {
        private int _offset; // bytes of the string already served

        public bool IsDeterministic => true;

        public void Fill(Span<byte> destination)
        {
            bytes.AsSpan(_offset, destination.Length).CopyTo(destination);
            _offset += destination.Length;
        }
    }
}
