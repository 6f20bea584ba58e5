using System.Text;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.Logger;

/// <summary>What the audit-log endpoints share (spec §15): their access rule, flags, page size and file text.</summary>
internal static class LoggerSupport
{
    /// <summary>
    /// Spec §15: a token whose scope starts with <c>logger:get</c>, any role (U, M, external app).
    /// </summary>
    public static readonly Access Access = Access.Scoped(Role.Any, "logger:get");

    /// <summary>
    /// Plain HTTP allowed (§3.1); 409 while a fault is latched (§20.2, §22 #17). Also 409 while uninitialised:
    /// §2 asks for a token, which a device without users cannot issue, and §3.5 lists "not initialised" under
    /// 409, which §3.3 checks before the missing token (so a fresh device answers 409, not 401).
    /// </summary>
    public const EndpointFlags Flags = EndpointFlags.RequiresInitialised;

    /// <summary>Most ids one list call returns (spec §15.2, §22 #41).</summary>
    public const int PageSize = 128;

    /// <summary>Content type of a log file (spec §3.4): [T] would JSON-decode anything labelled JSON.</summary>
    public const string TextContentType = "text/plain";

    /// <summary>
    /// The comment line a downloaded file starts with (spec §19.3: "# Encedo HEM v0.9.77 (#ff0a263)" on hardware).
    /// The flash holds only the records; the banner is added when the file is read, naming this firmware.
    /// </summary>
    public static string Banner => "# Encedo HEM v" + HemDevice.FirmwareVersion + " (#hemsim)";

    /// <summary>
    /// A path file id: exactly 8 hex characters (spec §15.3), returned in lowercase. Uppercase is accepted because
    /// the real device opens <c>&lt;id&gt;.log</c> on a FAT volume, whose names ignore case.
    /// </summary>
    public static bool TryParseFileId(string text, out string id)
    {
        id = "";
        if (text.Length != 8 || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }
        id = text.ToLowerInvariant();
        return true;
    }

    /// <summary>A path offset: decimal digits only (spec §15.2); values beyond <see cref="int.MaxValue"/> saturate.</summary>
    public static bool TryParseOffset(string text, out int offset)
    {
        offset = 0;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }
        long parsed = 0;
        foreach (var c in text)
        {
            parsed = Math.Min((parsed * 10) + (c - '0'), int.MaxValue);
        }
        offset = (int)parsed;
        return true;
    }

    /// <summary>
    /// The file as L4 returns it (spec §19.3): the banner, then every record, each line ending in LF alone
    /// (the last one too; [T] splits on any line break, [M] on LF).
    /// </summary>
    public static byte[] FileText(IReadOnlyList<string> records)
    {
        var text = new StringBuilder(Banner.Length + 1 + (records.Count * 64));
        text.Append(Banner).Append('\n');
        foreach (var record in records)
        {
            text.Append(record).Append('\n');
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The id's ASCII bytes: the data field of LOGGER_READ_LOG (spec §19.1).</summary>
    public static byte[] AuditData(string id) => Encoding.ASCII.GetBytes(id);
}
