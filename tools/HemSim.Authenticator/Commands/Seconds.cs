using System.Globalization;

namespace HemSim.Authenticator.Commands;

/// <summary>A positive number of seconds from an option (fractions allowed, so tests can poll quickly).</summary>
internal static class Seconds
{
    public static TimeSpan Parse(double value, string option) =>
        value > 0 && value <= 86400
            ? TimeSpan.FromSeconds(value)
            : throw new UsageException($"{option} must be more than 0 and at most 86400 seconds, not {value.ToString(CultureInfo.InvariantCulture)}");
}
