namespace HemSim.Authenticator.Scheme;

/// <summary>Standard base64 with padding (the scheme's <c>b64</c>, §1), decoded without exceptions.</summary>
internal static class Base64Text
{
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }
        var buffer = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
        {
            return false;
        }
        bytes = buffer[..written];
        return true;
    }
}
