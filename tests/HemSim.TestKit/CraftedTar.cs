using System.Text;

namespace HemSim.TestKit;

/// <summary>
/// Tar archives built byte by byte, with header fields no tar writer would produce: the hostile archives a signer could
/// put in a dashboard image (a metadata entry claiming gigabytes, a pax record whose number overflows).
/// </summary>
internal static class CraftedTar
{
    /// <summary>One 512-byte ustar header (POSIX.1-1988 layout) with a correct checksum; <paramref name="size"/> in octal.</summary>
    public static byte[] Header(string name, char type, long size)
    {
        var header = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 116);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header, 136);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\000").CopyTo(header, 257);
        header.AsSpan(148, 8).Fill((byte)' ');   // the checksum counts its own field as blanks
        int sum = header.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        return header;
    }

    /// <summary>A header claiming <paramref name="size"/> bytes that are not there, then the end-of-archive blocks.</summary>
    public static byte[] Claiming(char type, long size) => [.. Header("././@LongLink", type, size), .. new byte[1024]];

    /// <summary>
    /// An archive that parts a header walk from the tar reader: a pax <c>size=0</c> record, then a file whose header
    /// claims 2048 bytes — a walk by header sizes skips them, the reader (which takes the pax size) reads them as the
    /// next header: a GNU long name claiming 1.5 GB. Then a normal file and the end.
    /// </summary>
    public static byte[] Desynchronised()
    {
        byte[] pax = PaxRecord("size=0").AsSpan(0, 1024).ToArray();   // the x header and its record block
        byte[] hidden = [.. Header("././@LongLink", 'L', 1_500_000_000), .. new byte[3 * 512]];
        return [.. pax, .. Header("skipped.bin", '0', 2048), .. hidden, .. Header("index.html", '0', 0), .. new byte[1024]];
    }

    /// <summary>Every crafted archive of this class, by name: for tests that must refuse them all within bounded memory.</summary>
    public static IEnumerable<(string Name, byte[] Tar)> All() =>
    [
        ("GNU long name claiming 1.5 GB", Claiming('L', 1_500_000_000)),
        ("pax header claiming 1.5 GB", Claiming('x', 1_500_000_000)),
        ("pax size record overflowing", PaxRecord("size=99999999999999999999")),
        ("pax uid record overflowing", PaxRecord("uid=999999999999999999999")),
        ("pax size record parting the header walk from the reader", Desynchronised()),
    ];

    /// <summary>A pax extended header holding <paramref name="record"/> (e.g. <c>size=…</c>), then an empty file.</summary>
    public static byte[] PaxRecord(string record)
    {
        string text = $"{record.Length + 3} {record}\n";
        if (text.Length != record.Length + 3)
        {
            text = $"{text.Length} {record}\n";   // the length counts its own digits
        }
        byte[] data = Encoding.ASCII.GetBytes(text);
        return [.. Header("PaxHeaders/x", 'x', data.Length), .. data, .. new byte[512 - data.Length],
            .. Header("index.html", '0', 0), .. new byte[1024]];
    }
}
