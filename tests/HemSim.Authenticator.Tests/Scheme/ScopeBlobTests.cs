using System.Security.Cryptography;
using System.Text;
using HemSim.Authenticator.Scheme;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Authenticator.Tests.Scheme;

[TestClass]
public sealed class ScopeBlobTests
{
    private static readonly byte[] s_kapp = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] s_jti = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    [TestMethod]
    public void A_short_scope_seals_to_48_bytes_and_opens_again()
    {
        byte[] blob = ScopeBlob.Seal(s_kapp, s_jti, "system:config", ScopeDirection.Request);

        blob.Should().HaveCount(48, "iv 16 + one AES block + mac 16, the size of the spec's sample");
        ScopeBlob.TryOpen(s_kapp, s_jti, blob, ScopeDirection.Request, out string scope).Should().BeTrue();
        scope.Should().Be("system:config");
    }

    [TestMethod]
    public void A_longer_scope_takes_whole_blocks()
    {
        string scope = "keymgmt:use:" + new string('a', 32) + "#eyJ0IjoiRUQyNTUxOSIsImwiOiJrZXkifQ==";

        byte[] blob = ScopeBlob.Seal(s_kapp, s_jti, scope, ScopeDirection.Reply);

        blob.Length.Should().Be(16 + ((Encoding.UTF8.GetByteCount(scope) / 16) + 1) * 16 + 16);
        ScopeBlob.TryOpen(s_kapp, s_jti, blob, ScopeDirection.Reply, out string opened).Should().BeTrue();
        opened.Should().Be(scope);
    }

    [TestMethod]
    public void The_blob_is_the_documented_construction()
    {
        byte[] iv = Enumerable.Repeat((byte)0xA5, 16).ToArray();

        byte[] blob = ScopeBlob.Seal(s_kapp, s_jti, "system", ScopeDirection.Reply, iv);

        // docs §4 step 3, rebuilt with BouncyCastle: okm = HKDF(Kapp, salt jti, info, 48), AES-128-CBC, HMAC[0..16).
        var hkdf = new HkdfBytesGenerator(new Sha256Digest());
        hkdf.Init(new HkdfParameters(s_kapp, s_jti, Encoding.ASCII.GetBytes("HemSim ext scope v1 reply")));
        var okm = new byte[48];
        hkdf.GenerateBytes(okm, 0, 48);
        using var aes = Aes.Create();
        aes.Key = okm[..16];
        byte[] ct = aes.EncryptCbc(Encoding.UTF8.GetBytes("system"), iv, PaddingMode.PKCS7);
        byte[] mac = HMACSHA256.HashData(okm[16..], iv.Concat(ct).ToArray())[..16];
        blob.Should().Equal([.. iv, .. ct, .. mac]);
    }

    [TestMethod]
    [DataRow(0, DisplayName = "iv")]
    [DataRow(20, DisplayName = "ciphertext")]
    [DataRow(47, DisplayName = "mac")]
    public void A_flipped_byte_is_refused(int index)
    {
        byte[] blob = ScopeBlob.Seal(s_kapp, s_jti, "system:config", ScopeDirection.Request);
        blob[index] ^= 0x01;

        ScopeBlob.TryOpen(s_kapp, s_jti, blob, ScopeDirection.Request, out _).Should().BeFalse();
    }

    [TestMethod]
    public void The_direction_the_jti_and_the_key_are_all_bound()
    {
        byte[] blob = ScopeBlob.Seal(s_kapp, s_jti, "system:config", ScopeDirection.Request);
        byte[] otherJti = (byte[])s_jti.Clone();
        otherJti[0] ^= 1;
        byte[] otherKey = (byte[])s_kapp.Clone();
        otherKey[0] ^= 1;

        ScopeBlob.TryOpen(s_kapp, s_jti, blob, ScopeDirection.Reply, out _).Should().BeFalse();
        ScopeBlob.TryOpen(s_kapp, otherJti, blob, ScopeDirection.Request, out _).Should().BeFalse();
        ScopeBlob.TryOpen(otherKey, s_jti, blob, ScopeDirection.Request, out _).Should().BeFalse();
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(32)]
    [DataRow(47)]
    [DataRow(49)]
    public void A_blob_of_the_wrong_length_is_refused(int length)
    {
        ScopeBlob.TryOpen(s_kapp, s_jti, new byte[length], ScopeDirection.Request, out _).Should().BeFalse();
    }

    [TestMethod]
    public void Every_seal_uses_a_fresh_iv()
    {
        ScopeBlob.Seal(s_kapp, s_jti, "system", ScopeDirection.Request)
            .Should().NotEqual(ScopeBlob.Seal(s_kapp, s_jti, "system", ScopeDirection.Request));
    }
}
