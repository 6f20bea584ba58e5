using FluentAssertions;
using HemSim.Firmware.Auth;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Auth;

[TestClass]
public sealed class ScopeTests
{
    [TestMethod]
    [DataRow("system:config", "system:config", true)]
    [DataRow("system:config:more", "system:config", true)]
    [DataRow("system:reboot", "system:config", false)]
    [DataRow("system:conf", "system:config", false)]
    [DataRow("System:config", "system:config", false)]
    [DataRow("", "system:config", false)]
    [DataRow("keymgmt:gen", "keymgmt:gen", true)]
    public void Scope_matches_by_prefix(string tokenScope, string required, bool matches)
    {
        // Act
        var result = Scope.MatchesPrefix(tokenScope, required);

        // Assert: spec §5.4, §22 #40.
        result.Should().Be(matches);
    }

    [TestMethod]
    [DataRow("keymgmt:use:00112233445566778899aabbccddeeff", "00112233445566778899aabbccddeeff", true)]
    [DataRow("keymgmt:use:00112233445566778899aabbccddeeff", "00112233445566778899AABBCCDDEEFF", false)]
    [DataRow("keymgmt:use:00112233445566778899aabbccddeeff00", "00112233445566778899aabbccddeeff", false)]
    [DataRow("keymgmt:use:00112233445566778899aabbccddeeff", "ffeeddccbbaa99887766554433221100", false)]
    public void Scope_matches_key_use_exactly(string tokenScope, string kid, bool matches)
    {
        // Act
        var result = Scope.MatchesKeyUse(tokenScope, kid);

        // Assert
        result.Should().Be(matches);
    }
}
