using FluentAssertions;
using HemSim.Firmware.Auth;

namespace HemSim.Firmware.Tests.Auth;

/// <summary>The per-boot cache of validated bearer tokens answers exactly what a full validation would (spec §5.2).</summary>
[TestClass]
public sealed class TokenCacheTests
{
    private static readonly byte[] s_key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private const long Now = 1_764_000_000;

    private static string Header(long expires, byte[]? key = null) =>
        "Bearer " + BearerToken.Mint(new TokenClaims("keymgmt:gen", "U", Now, expires, "bm9uY2U=", null), key ?? s_key);

    [TestMethod]
    public void A_valid_token_is_answered_with_its_claims_first_time_and_from_the_cache_after()
    {
        // Arrange
        var cache = new TokenCache();
        var header = Header(Now + 60);

        // Act
        var first = cache.TryValidate(header, s_key, Now, out var claims1);
        var second = cache.TryValidate(header, s_key, Now + 1, out var claims2);

        // Assert
        first.Should().BeTrue();
        second.Should().BeTrue();
        claims2.Should().Be(claims1);
        claims1!.Scope.Should().Be("keymgmt:gen");
        cache.Count.Should().Be(1);
    }

    [TestMethod]
    public void A_cached_token_still_expires()
    {
        // Arrange
        var cache = new TokenCache();
        var header = Header(Now + 60);
        cache.TryValidate(header, s_key, Now, out _).Should().BeTrue();

        // Act
        var atExpiry = cache.TryValidate(header, s_key, Now + 60, out var claims);

        // Assert
        atExpiry.Should().BeFalse();
        claims.Should().BeNull();
        cache.Count.Should().Be(0);
    }

    [TestMethod]
    public void A_token_of_another_key_or_a_tampered_one_is_never_cached()
    {
        // Arrange
        var cache = new TokenCache();
        var foreign = Header(Now + 60, key: new byte[32]);
        var valid = Header(Now + 60);
        var tampered = valid[..^2] + (valid[^2] == 'A' ? "B" : "A") + valid[^1];

        // Act
        var foreignAccepted = cache.TryValidate(foreign, s_key, Now, out _);
        var tamperedAccepted = cache.TryValidate(tampered, s_key, Now, out _);

        // Assert
        foreignAccepted.Should().BeFalse();
        tamperedAccepted.Should().BeFalse();
        cache.Count.Should().Be(0);
    }

    [TestMethod]
    public void The_cache_is_bounded()
    {
        // Arrange
        var cache = new TokenCache();

        // Act
        for (int i = 0; i <= TokenCache.Capacity; i++)
        {
            cache.TryValidate(Header(Now + 60 + i), s_key, Now, out _).Should().BeTrue();
        }

        // Assert
        cache.Count.Should().BeLessThanOrEqualTo(TokenCache.Capacity);
    }
}
