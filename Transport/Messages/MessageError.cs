namespace HemSim.Transport.Messages;

/// <summary>Why bytes were not accepted as a message.</summary>
internal enum MessageError
{
    None,

    /// <summary>The bytes end inside the fixed part or inside a field.</summary>
    Truncated,

    /// <summary>The kind has no codec (a value that is not a message kind).</summary>
    UnsupportedKind,

    /// <summary>A required field (request method or path, response content type) is absent.</summary>
    MissingField,

    /// <summary>A field appears twice.</summary>
    DuplicateField,

    /// <summary>An unknown tag below 0x80: the sender needs the receiver to understand it.</summary>
    UnknownField,

    /// <summary>A text field is not well-formed UTF-8.</summary>
    InvalidText,
}
