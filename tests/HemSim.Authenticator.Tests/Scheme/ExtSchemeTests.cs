using System.Security.Cryptography;
using System.Text;
using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator.Tests.Scheme;

[TestClass]
public sealed class ExtSchemeTests
{
    [TestMethod]
    public void SharedKey_matches_RFC_7748_section_6_1()
    {
        byte[] alice = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bobPublic = Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");

        ExtScheme.SharedKey(alice, bobPublic).Should()
            .Equal(Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"));
        ExtScheme.PublicKeyOf(alice).Should()
            .Equal(Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
    }

    [TestMethod]
    public void Both_sides_of_a_fresh_key_pair_agree()
    {
        (byte[] ask, byte[] apk) = ExtScheme.NewKeyPair();
        (byte[] idk, byte[] eid) = ExtScheme.NewKeyPair();

        ExtScheme.SharedKey(ask, eid).Should().Equal(ExtScheme.SharedKey(idk, apk));
    }

    [TestMethod]
    public void A_key_of_the_wrong_size_is_misuse()
    {
        FluentActions.Invoking(() => ExtScheme.SharedKey(new byte[31], new byte[32])).Should().Throw<ArgumentException>();
    }

    [TestMethod]
    public void AppId_is_the_SHA256_of_the_pid()
    {
        byte[] pid = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

        ExtScheme.AppId(pid).Should().Equal(SHA256.HashData(pid));
    }

    [TestMethod]
    public void PairingCode_is_the_b64_HMAC_of_the_reply_text()
    {
        byte[] kapp = Enumerable.Repeat((byte)7, 32).ToArray();

        ExtScheme.PairingCode(kapp, "a.b.c").Should()
            .Be(Convert.ToBase64String(HMACSHA256.HashData(kapp, Encoding.ASCII.GetBytes("a.b.c"))));
    }
}
