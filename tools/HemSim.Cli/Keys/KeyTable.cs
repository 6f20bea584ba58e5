using System.Text;
using HemSim.Cli.Text;

namespace HemSim.Cli.Keys;

/// <summary>The human table of <c>keys list</c> and <c>keys search</c>: kid, attribute string, label, description.</summary>
internal static class KeyTable
{
    public static void Write(TextWriter output, IReadOnlyList<KeyEntry> keys)
    {
        int typeWidth = Math.Max("TYPE".Length, keys.Count == 0 ? 0 : keys.Max(key => key.Type.Length));
        int labelWidth = Math.Max("LABEL".Length, keys.Count == 0 ? 0 : keys.Max(key => key.Label.Length));
        output.WriteLine($"{"KID",-32}  {"TYPE".PadRight(typeWidth)}  {"LABEL".PadRight(labelWidth)}  DESCR".TrimEnd());
        foreach (KeyEntry key in keys)
        {
            output.WriteLine($"{key.Kid,-32}  {key.Type.PadRight(typeWidth)}  {key.Label.PadRight(labelWidth)}  {Describe(key.Descr)}".TrimEnd());
        }
    }

    /// <summary>
    /// A description as text when every byte is printable ASCII (the conventions of spec §17.3 are), else as
    /// <c>b64:</c> and its base64, so binary bytes never reach the terminal.
    /// </summary>
    public static string Describe(byte[] descr) =>
        descr.All(b => b is >= 0x20 and <= 0x7E) ? Encoding.ASCII.GetString(descr) : "b64:" + Base64Text.Encode(descr);
}
