using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class KeyTypesTests
{
    // The 23 `type` strings of spec §17.1, exactly as clients send them.
    [TestMethod]
    [DataRow("SECP256R1", 1)]
    [DataRow("SECP384R1", 2)]
    [DataRow("SECP521R1", 3)]
    [DataRow("SECP256K1", 4)]
    [DataRow("CURVE25519", 5)]
    [DataRow("CURVE448", 6)]
    [DataRow("ED25519", 7)]
    [DataRow("ED448", 8)]
    [DataRow("SHA2-256", 9)]
    [DataRow("SHA2-384", 10)]
    [DataRow("SHA2-512", 11)]
    [DataRow("SHA3-256", 12)]
    [DataRow("SHA3-384", 13)]
    [DataRow("SHA3-512", 14)]
    [DataRow("AES128", 15)]
    [DataRow("AES192", 16)]
    [DataRow("AES256", 17)]
    [DataRow("MLKEM512", 18)]
    [DataRow("MLKEM768", 19)]
    [DataRow("MLKEM1024", 20)]
    [DataRow("MLDSA44", 21)]
    [DataRow("MLDSA65", 22)]
    [DataRow("MLDSA87", 23)]
    public void TryParse_accepts_each_spec_name_and_WireName_gives_it_back(string wireName, int storedValue)
    {
        // Act
        bool parsed = KeyTypes.TryParse(wireName, out KeyType type);

        // Assert
        parsed.Should().BeTrue();
        ((int)type).Should().Be(storedValue, "the enum value is stored in flash and must never move");
        KeyTypes.WireName(type).Should().Be(wireName);
    }

    [TestMethod]
    [DataRow("secp256r1")]
    [DataRow("Aes256")]
    [DataRow("GENERIC_DER")]
    [DataRow("")]
    [DataRow("AES-256")]
    [DataRow("SHA2_256")]
    [DataRow(" AES256")]
    [DataRow("AES256 ")]
    public void TryParse_rejects_anything_but_an_exact_creatable_name(string wireName)
    {
        KeyTypes.TryParse(wireName, out _).Should().BeFalse();
    }

    [TestMethod]
    public void Creatable_lists_the_23_spec_types_in_order_without_GENERIC_DER()
    {
        KeyTypes.Creatable.Should().HaveCount(23);
        KeyTypes.Creatable.Should().NotContain(KeyType.GenericDer);
        KeyTypes.Creatable.Select(t => (int)t).Should().Equal(Enumerable.Range(1, 23));
    }

    [TestMethod]
    public void GENERIC_DER_has_a_wire_name_for_attribute_strings_but_no_fixed_sizes()
    {
        KeyTypes.WireName(KeyType.GenericDer).Should().Be("GENERIC_DER");
        KeyTypes.ClassOf(KeyType.GenericDer).Should().Be(KeyClass.Der);
        KeyTypes.IsAsymmetric(KeyType.GenericDer).Should().BeFalse();
        KeyTypes.SecretSize(KeyType.GenericDer).Should().Be(0);
        KeyTypes.PublicKeySize(KeyType.GenericDer).Should().Be(0);
    }

    [TestMethod]
    [DataRow("SECP256R1", KeyClassName.Secp, true)]
    [DataRow("SECP256K1", KeyClassName.Secp, true)]
    [DataRow("CURVE25519", KeyClassName.Montgomery, true)]
    [DataRow("CURVE448", KeyClassName.Montgomery, true)]
    [DataRow("ED25519", KeyClassName.Edwards, true)]
    [DataRow("ED448", KeyClassName.Edwards, true)]
    [DataRow("SHA3-512", KeyClassName.Hmac, false)]
    [DataRow("AES192", KeyClassName.Aes, false)]
    [DataRow("MLKEM768", KeyClassName.MlKem, true)]
    [DataRow("MLDSA87", KeyClassName.MlDsa, true)]
    public void ClassOf_and_IsAsymmetric_follow_the_spec_table(string wireName, string expectedClass, bool asymmetric)
    {
        KeyTypes.TryParse(wireName, out KeyType type).Should().BeTrue();

        KeyTypes.ClassOf(type).ToString().Should().Be(expectedClass);
        KeyTypes.IsAsymmetric(type).Should().Be(asymmetric);
        (KeyTypes.PublicKeySize(type) > 0).Should().Be(asymmetric);
    }

    [TestMethod]
    public void Lookups_throw_for_an_undefined_value()
    {
        Action act = () => KeyTypes.WireName((KeyType)99);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    // KeyClass is internal, so [DataRow] carries its member names as strings.
    private static class KeyClassName
    {
        public const string Secp = nameof(KeyClass.Secp);
        public const string Montgomery = nameof(KeyClass.Montgomery);
        public const string Edwards = nameof(KeyClass.Edwards);
        public const string Hmac = nameof(KeyClass.Hmac);
        public const string Aes = nameof(KeyClass.Aes);
        public const string MlKem = nameof(KeyClass.MlKem);
        public const string MlDsa = nameof(KeyClass.MlDsa);
    }
}
