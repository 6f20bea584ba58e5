using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Keystore;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Keystore;

[TestClass]
public sealed class KeyAttributesTests
{
    [TestMethod]
    [DataRow((int)(KeyFlags.Pkey | KeyFlags.Ecdh | KeyFlags.ExDsa), (int)(KeyType.Secp256r1), "PKEY,ECDH,ExDSA,SECP256R1")]
    [DataRow((int)(KeyFlags.Att | KeyFlags.Pkey | KeyFlags.Ecdh), (int)(KeyType.Curve25519), "ATT,PKEY,ECDH,CURVE25519")]
    [DataRow((int)(KeyFlags.Att | KeyFlags.Pkey | KeyFlags.Ecdh | KeyFlags.ExDsa), (int)(KeyType.Secp384r1), "ATT,PKEY,ECDH,ExDSA,SECP384R1")]
    [DataRow((int)(KeyFlags.Att | KeyFlags.Pkey), (int)(KeyType.GenericDer), "ATT,PKEY,GENERIC_DER")]
    [DataRow((int)(KeyFlags.Cert), (int)(KeyType.GenericDer), "CERT,GENERIC_DER")]
    [DataRow((int)(KeyFlags.Pqc), (int)(KeyType.MlKem512), "PQC,MLKEM512")]
    [DataRow((int)(KeyFlags.None), (int)(KeyType.Aes128), "AES128")]
    public void Attribute_string_lists_flags_in_spec_order_then_the_algorithm(int flags, int type, string expected)
    {
        // Act
        var text = KeyAttributes.Format((KeyFlags)flags, (KeyType)type);

        // Assert: the samples of spec §17.2.
        text.Should().Be(expected);
    }

    [TestMethod]
    [DataRow((int)(KeyType.Secp256r1), null, (int)(KeyFlags.Ecdh))]
    [DataRow((int)(KeyType.Secp256r1), "ExDSA", (int)(KeyFlags.ExDsa))]
    [DataRow((int)(KeyType.Secp256r1), "ECDH,ExDSA", (int)(KeyFlags.Ecdh | KeyFlags.ExDsa))]
    [DataRow((int)(KeyType.Secp256k1), "nonsense", (int)(KeyFlags.Ecdh))]
    [DataRow((int)(KeyType.Curve448), "ExDSA", (int)(KeyFlags.Ecdh))]
    [DataRow((int)(KeyType.Ed448), "ECDH", (int)(KeyFlags.ExDsa))]
    [DataRow((int)(KeyType.Sha3_256), "ECDH", (int)(KeyFlags.None))]
    [DataRow((int)(KeyType.MlDsa87), null, (int)(KeyFlags.Pqc))]
    [DataRow((int)(KeyType.MlKem1024), "ECDH", (int)(KeyFlags.Pqc))]
    public void Usage_follows_mode_only_for_secp_types(int type, string? mode, int expected)
    {
        // Act
        var usage = KeyAttributes.UsageFor((KeyType)type, mode);

        // Assert
        usage.Should().Be((KeyFlags)expected);
    }
}
