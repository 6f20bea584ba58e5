namespace HemSim.Transport.Messages;

/// <summary>
/// Field tags of a request message. Tags 0x01–0x7F must be understood; 0x80–0xFF may be skipped by a
/// receiver that does not know them; 0x00 is never used.
/// </summary>
internal enum RequestField : byte
{
    Method = 0x01,
    Path = 0x02,
    Body = 0x03,
    Authorization = 0x04,
    ContentType = 0x05,
    Origin = 0x06,
    Host = 0x07,
    ContentDisposition = 0x08,
}

/// <summary>Field tags of a response message; same tag rules as <see cref="RequestField"/>.</summary>
internal enum ResponseField : byte
{
    ContentType = 0x01,
    AllowedOrigin = 0x02,
    Body = 0x03,
}

/// <summary>Field tags of a control message.</summary>
internal enum ControlField : byte
{
    Argument = 0x01,
}

/// <summary>Field tags of a control result message.</summary>
internal enum ControlResultField : byte
{
    Data = 0x01,
    Detail = 0x02,
}

internal static class FieldTag
{
    /// <summary>Tags at or above this value may be skipped when unknown.</summary>
    public const byte FirstIgnorable = 0x80;

    /// <summary>Tag byte plus 32-bit length.</summary>
    public const int FieldHeaderLength = 5;
}
