using FluentAssertions;
using HemSim.Firmware.Auth.External;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Auth.External;

/// <summary>The bounded store of outstanding pairing nonces and approval requests (docs/EXTERNAL-AUTH.md §3, §4).</summary>
[TestClass]
public sealed class OutstandingRequestsTests
{
    [TestMethod]
    public void Store_forgets_the_oldest_beyond_16()
    {
        // Arrange
        var store = new OutstandingRequests<PendingPairing>();

        // Act
        for (var i = 0; i < 17; i++)
        {
            store.Add("jti" + i, new PendingPairing(TimeSpan.FromSeconds(i)));
        }

        // Assert
        store.Count.Should().Be(16);
        store.TryGet("jti0", out _).Should().BeFalse();
        store.TryGet("jti1", out var second).Should().BeTrue();
        second.ExpiresAt.Should().Be(TimeSpan.FromSeconds(1));
        store.TryGet("jti16", out _).Should().BeTrue();
    }

    [TestMethod]
    public void Remove_consumes_once()
    {
        // Arrange
        var store = new OutstandingRequests<PendingPairing>();
        store.Add("a", new PendingPairing(TimeSpan.Zero));

        // Act + Assert
        store.Remove("a").Should().BeTrue();
        store.Remove("a").Should().BeFalse();
        store.TryGet("a", out _).Should().BeFalse();
    }

    [TestMethod]
    public void Jti_is_compared_exactly()
    {
        // Arrange
        var store = new OutstandingRequests<PendingPairing>();
        store.Add("AbC=", new PendingPairing(TimeSpan.Zero));

        // Act + Assert
        store.TryGet("abc=", out _).Should().BeFalse();
        store.TryGet("AbC", out _).Should().BeFalse();
    }
}
