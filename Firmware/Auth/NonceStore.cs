using System.Buffers.Binary;
using HemSim.Firmware.Json;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Auth;

/// <summary>Which flow a nonce was issued for; a nonce only redeems in its own flow.</summary>
internal enum NonceKind
{
    Login = 1,
    Init = 2,
    Config = 3,
    /// <summary>The <c>jti</c> of a check-in <c>check</c> token (spec §8.2), redeemed by the <c>checked</c> answer.</summary>
    Checkin = 4,
}

/// <summary>
/// Outstanding single-use nonces of one boot (spec §3.10, §6.2 step 4). A nonce is 32 bytes: the
/// current Unix time as little-endian uint32, then 28 random bytes. It is redeemable once, for
/// <see cref="Lifetime"/>, in the flow it was issued for. Forgotten on reboot.
/// </summary>
internal sealed class NonceStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Bound on outstanding nonces so a client looping on challenges cannot grow memory.</summary>
    private const int Capacity = 4096;

    private readonly Dictionary<string, (NonceKind Kind, TimeSpan IssuedAt)> _outstanding = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Makes a fresh nonce and returns its standard base64 text.</summary>
    public string Issue(NonceKind kind, long unixTime, TimeSpan monotonicNow, IEntropySource entropy)
    {
        var text = Base64Text.Encode(Create(unixTime, entropy));
        Purge(monotonicNow);
        while (_outstanding.Count >= Capacity && _order.TryDequeue(out var oldest))
        {
            _outstanding.Remove(oldest);
        }
        _outstanding[text] = (kind, monotonicNow);
        _order.Enqueue(text);
        return text;
    }

    /// <summary>Makes a nonce that is not recorded (token <c>jti</c>, logger nonces).</summary>
    public static byte[] Create(long unixTime, IEntropySource entropy)
    {
        var nonce = new byte[32];
        BinaryPrimitives.WriteUInt32LittleEndian(nonce, unchecked((uint)unixTime));
        entropy.Fill(nonce.AsSpan(4));
        return nonce;
    }

    /// <summary>
    /// Redeems a nonce: true when it was issued for <paramref name="kind"/> less than
    /// <see cref="Lifetime"/> ago. A nonce of that kind is consumed whatever the outcome; one of another kind is left.
    /// </summary>
    public bool TryConsume(NonceKind kind, string text, TimeSpan monotonicNow) =>
        TryConsumeAny(text, monotonicNow, kind);

    /// <summary>
    /// Redeems a nonce issued for any of <paramref name="kinds"/> less than <see cref="Lifetime"/> ago (user-key
    /// rotation accepts config and login nonces, spec §11.6.1). A nonce of one of those kinds is consumed whatever
    /// the outcome (expired or not); a nonce of another kind is left alone.
    /// </summary>
    public bool TryConsumeAny(string text, TimeSpan monotonicNow, params ReadOnlySpan<NonceKind> kinds)
    {
        // A nonce of another kind stays: a request for one purpose must not burn a nonce issued for another
        // (a forged check-in answer carrying a config nonce must not kill a pending passphrase change).
        if (!_outstanding.TryGetValue(text, out var entry) || !kinds.Contains(entry.Kind))
        {
            return false;
        }
        _outstanding.Remove(text);
        return monotonicNow - entry.IssuedAt < Lifetime;
    }

    /// <summary>Drops consumed and expired nonces from the front of the issue order.</summary>
    private void Purge(TimeSpan monotonicNow)
    {
        while (_order.TryPeek(out var oldest)
            && (!_outstanding.TryGetValue(oldest, out var entry) || monotonicNow - entry.IssuedAt >= Lifetime))
        {
            _order.Dequeue();
            _outstanding.Remove(oldest);
        }
    }

    public void Clear()
    {
        _outstanding.Clear();
        _order.Clear();
    }
}
