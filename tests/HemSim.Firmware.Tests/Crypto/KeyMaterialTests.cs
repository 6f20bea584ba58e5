using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class KeyMaterialTests
{
    [TestMethod]
    public void Dispose_zeroes_the_owned_bytes()
    {
        // Arrange
        byte[] secret = [1, 2, 3, 4];
        var material = KeyMaterial.TakeOwnership(secret);

        // Act
        material.Dispose();

        // Assert
        secret.Should().OnlyContain(b => b == 0);
    }

    [TestMethod]
    public void Reading_after_dispose_throws()
    {
        var material = KeyMaterial.Copy([9, 9]);
        material.Dispose();

        Action span = () => _ = material.Span.Length;
        Action toArray = () => material.ToArray();

        span.Should().Throw<ObjectDisposedException>();
        toArray.Should().Throw<ObjectDisposedException>();
    }

    [TestMethod]
    public void Copy_does_not_alias_the_source_and_ToArray_returns_a_fresh_copy()
    {
        // Arrange
        byte[] source = [5, 6, 7];
        using var material = KeyMaterial.Copy(source);

        // Act
        source[0] = 0;
        byte[] exported = material.ToArray();
        exported[1] = 0;

        // Assert
        material.Span.ToArray().Should().Equal(5, 6, 7);
        material.Length.Should().Be(3);
    }

    [TestMethod]
    public void Dispose_twice_is_harmless()
    {
        var material = KeyMaterial.Copy([1]);

        material.Dispose();
        Action again = material.Dispose;

        again.Should().NotThrow();
    }
}
