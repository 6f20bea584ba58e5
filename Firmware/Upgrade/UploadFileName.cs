using System.Text;

namespace HemSim.Firmware.Upgrade;

/// <summary>
/// The file name of a raw upload, from its <c>Content-Disposition</c> header (spec §11.9, §11.12, §16 G10):
/// <c>attachment; filename="firmware.bin"</c>. The parameter name is matched case-insensitively (RFC 6266 §4.1) and
/// the value may be a quoted string or a bare token, as clients send either. The RFC 5987 <c>filename*</c> form is
/// not a <c>filename</c> (no known client sends it; the real firmware looks for <c>filename=</c>). The disposition type
/// may be missing (<c>filename="firmware.bin"</c> alone).
/// </summary>
internal static class UploadFileName
{
    /// <summary>The file name, or false when the header is absent or names no non-empty file.</summary>
    public static bool TryParse(string? header, out string fileName)
    {
        fileName = "";
        if (header is null)
        {
            return false;
        }
        // Parameters are separated by ';' outside quoted strings. The disposition type (a segment without '=') usually
        // comes first, but the parameter is searched from the start: a bare `filename="x"` names a file too, as the
        // firmware only looks for `filename=`.
        int position = 0;
        while (position < header.Length)
        {
            int equals = header.IndexOfAny(['=', ';'], position);
            if (equals < 0 || header[equals] == ';')
            {
                position = equals < 0 ? header.Length : equals + 1;
                continue;
            }
            var name = header[position..equals].Trim();
            int valueStart = equals + 1;
            while (valueStart < header.Length && header[valueStart] is ' ' or '\t')
            {
                valueStart++;
            }
            if (!TryReadValue(header, valueStart, out var value, out position))
            {
                return false;
            }
            if (string.Equals(name, "filename", StringComparison.OrdinalIgnoreCase))
            {
                fileName = value;
                return value.Length > 0;
            }
        }
        return false;
    }

    /// <summary>Reads a quoted string (with <c>\</c> escapes) or a token up to the next ';'; false when a quote is unclosed.</summary>
    private static bool TryReadValue(string header, int start, out string value, out int next)
    {
        if (start < header.Length && header[start] == '"')
        {
            var text = new StringBuilder();
            for (int i = start + 1; i < header.Length; i++)
            {
                char c = header[i];
                if (c == '\\' && i + 1 < header.Length)
                {
                    text.Append(header[++i]);
                }
                else if (c == '"')
                {
                    value = text.ToString();
                    next = SkipPast(header, i + 1);
                    return true;
                }
                else
                {
                    text.Append(c);
                }
            }
            value = "";
            next = header.Length;
            return false;
        }
        int end = header.IndexOf(';', start);
        value = header[start..(end < 0 ? header.Length : end)].Trim();
        next = end < 0 ? header.Length : end + 1;
        return true;
    }

    /// <summary>The position after the next ';' at or after <paramref name="start"/>, or the end of the header.</summary>
    private static int SkipPast(string header, int start)
    {
        int semicolon = header.IndexOf(';', start);
        return semicolon < 0 ? header.Length : semicolon + 1;
    }
}
