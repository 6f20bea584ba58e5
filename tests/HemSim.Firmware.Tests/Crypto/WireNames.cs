using HemSim.Firmware.Crypto;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>
/// Test data names key types by their spec §17.1 wire strings: <see cref="KeyType"/> is internal and
/// so cannot appear in a public test method's signature, and the wire names read well in reports.
/// </summary>
internal static class WireNames
{
    public static KeyType Parse(string wireName) =>
        KeyTypes.TryParse(wireName, out KeyType type)
            ? type
            : throw new ArgumentException($"'{wireName}' is not a key type.", nameof(wireName));

    /// <summary>Every creatable type, for [DynamicData] tests that must cover all 23.</summary>
    public static IEnumerable<object[]> AllCreatable =>
        KeyTypes.Creatable.Select(t => new object[] { KeyTypes.WireName(t) });
}
