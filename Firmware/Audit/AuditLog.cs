using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Audit;

/// <summary>
/// The HMAC-chained, Ed25519-signed audit log of spec §19.3–§19.4: one file per boot, named by the
/// power-up time as 8 hex digits. Each file starts with a KEY_INIT line carrying a fresh 32-byte HMAC
/// key K and its Ed25519 signature under the device signing key; every line ends with
/// b64url(HMAC-SHA256(K, line up to and including the last '|')[0..16)).
/// </summary>
internal sealed class AuditLog
{
    private const int MacKeySize = 32;
    private const int MacSize = 16;

    private readonly IFlash _flash;
    private readonly byte[] _macKey = new byte[MacKeySize];

    // Keyed once per file: the runtime's one-shot HMAC sets up an OpenSSL context on every line.
    private readonly HMac _mac = new(new Sha256Digest());
    private long _sequence;

    private AuditLog(IFlash flash, string fileId)
    {
        _flash = flash;
        FileId = fileId;
    }

    /// <summary>The id of the file this boot writes to.</summary>
    public string FileId { get; }

    /// <summary>
    /// Opens a new file for this boot and writes its KEY_INIT line. <paramref name="powerUpTime"/> names
    /// the file; if a file with that name or a later one exists (fast reboots, RTC unset) the id is the
    /// last id + 1, so ids stay unique and ascending.
    /// </summary>
    public static AuditLog StartFile(IFlash flash, long powerUpTime, long timeField, ReadOnlySpan<byte> signingSeed, IEntropySource entropy)
    {
        var candidate = (uint)Math.Clamp(powerUpTime, 0, uint.MaxValue);
        var files = flash.ListLogFiles();
        if (files.Count > 0)
        {
            var last = uint.Parse(files[^1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (candidate <= last)
            {
                candidate = last + 1;
            }
        }
        var log = new AuditLog(flash, candidate.ToString("x8", CultureInfo.InvariantCulture));
        entropy.Fill(log._macKey);
        log._mac.Init(new KeyParameter(log._macKey));
        var signature = SignatureAlgorithm.Ed25519.Sign(signingSeed, log._macKey);
        log.WriteLine(timeField, AuditEvent.KeyInit, AuditResult.Ok, Base64Text.EncodeUrl(log._macKey), signature);
        return log;
    }

    /// <summary>Appends one event. <paramref name="subject"/> is <c>U</c>, <c>M</c>, b64url(app kid) or empty.</summary>
    public void Append(long timeField, AuditEvent type, AuditResult result, string subject, ReadOnlySpan<byte> data)
    {
        // Spec §19.4: PHP compares loosely, so only KEY_INIT may have type and result both zero.
        if (type == AuditEvent.KeyInit)
        {
            throw new ArgumentException("KEY_INIT lines are written only when a file starts.", nameof(type));
        }
        WriteLine(timeField, type, result, subject, data);
    }

    private void WriteLine(long timeField, AuditEvent type, AuditResult result, string subject, ReadOnlySpan<byte> data)
    {
        var prefix = new StringBuilder(96)
            .Append(_sequence.ToString("x", CultureInfo.InvariantCulture)).Append('|')
            .Append(timeField.ToString("x", CultureInfo.InvariantCulture)).Append('|')
            .Append(((int)type).ToString("x", CultureInfo.InvariantCulture)).Append('|')
            .Append((int)result).Append('|')
            .Append(subject).Append('|')
            .Append(data.IsEmpty ? "" : Base64Text.EncodeUrl(data)).Append('|')
            .ToString();
        Span<byte> mac = stackalloc byte[32];
        _mac.BlockUpdate(Encoding.ASCII.GetBytes(prefix));
        _mac.DoFinal(mac);
        var line = prefix + Base64Text.EncodeUrl(mac[..MacSize]);
        _flash.AppendLogLine(FileId, _sequence, line);
        _sequence++;
    }
}
