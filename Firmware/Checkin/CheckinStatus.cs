using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Json;

namespace HemSim.Firmware.Checkin;

/// <summary>
/// The management action a backend orders in the <c>checked</c> token's <c>status</c> claim (spec §8.3), and the
/// simulator's encoding of it.
/// </summary>
/// <remarks>
/// §22 #21 / §8.4 (b): the real encoding is unknown (an opaque, protected 32-byte value). SIM encoding:
/// <c>status = b64(HMAC-SHA256(key = X25519(backend private, device session public), msg = ASCII letter))</c>,
/// the letter being <c>OK</c>, <c>L</c>, <c>W</c>, <c>R</c>, <c>B</c> or <c>U</c>. The key is the check-in shared
/// secret, so only the trusted backend can order an action and a recorded <c>status</c> is worthless after a reboot
/// (new session key). The device recomputes the MAC of every known letter; no match reads as <c>???</c>.
/// </remarks>
internal static class CheckinStatus
{
    /// <summary>Nothing to do.</summary>
    public const string Ok = "OK";
    /// <summary>Lock: erase the user key, latch <c>fls_state</c> 0x40.</summary>
    public const string Lock = "L";
    /// <summary>Full wipe and reboot.</summary>
    public const string Wipe = "W";
    /// <summary>Report (nothing to do on the device).</summary>
    public const string Report = "R";
    /// <summary>Soft-brick: latch <c>fls_state</c> 0x80.</summary>
    public const string Brick = "B";
    /// <summary>Force an upgrade: install the staged, verified firmware (CheckinActions).</summary>
    public const string Upgrade = "U";
    /// <summary>What the device answers for a status it does not recognise.</summary>
    public const string Unrecognised = "???";

    /// <summary>Every letter a backend may send, in the order of spec §8.3's table.</summary>
    public static IReadOnlyList<string> Letters { get; } = [Ok, Lock, Wipe, Report, Brick, Upgrade];

    /// <summary>The <c>status</c> claim for <paramref name="letter"/> under the check-in shared secret.</summary>
    public static string Encode(ReadOnlySpan<byte> sharedSecret, string letter) =>
        Base64Text.Encode(HMACSHA256.HashData(sharedSecret, Encoding.ASCII.GetBytes(letter)));

    /// <summary>The letter whose MAC <paramref name="status"/> is, or <see cref="Unrecognised"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> sharedSecret, string status)
    {
        if (!Base64Text.TryDecode(status, out var mac) || mac.Length != HMACSHA256.HashSizeInBytes)
        {
            return Unrecognised;
        }
        foreach (var letter in Letters)
        {
            if (CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(sharedSecret, Encoding.ASCII.GetBytes(letter))))
            {
                return letter;
            }
        }
        return Unrecognised;
    }
}
