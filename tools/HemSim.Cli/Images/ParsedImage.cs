namespace HemSim.Cli.Images;

/// <summary>A parsed HemSim signed image v1: its fields, and the signed bytes to verify.</summary>
internal sealed class ParsedImage(byte[] image, ImageKind kind, byte flags, string version, int payloadOffset, int payloadLength)
{
    public ImageKind Kind { get; } = kind;

    public byte Flags { get; } = flags;

    public bool IsDiag => (Flags & ImageLayout.DiagFlag) != 0;

    public string Version { get; } = version;

    public int ImageSize => image.Length;

    public ReadOnlySpan<byte> Payload => image.AsSpan(payloadOffset, payloadLength);

    /// <summary>The last 64 bytes; once a firmware image is installed the device reports them as <c>fws</c>.</summary>
    public ReadOnlySpan<byte> Signature => image.AsSpan(image.Length - ImageLayout.SignatureSize);

    public bool VerifySignature(ReadOnlySpan<byte> vendorPublicKey) =>
        SigningKey.Verify(vendorPublicKey, image.AsSpan(0, image.Length - ImageLayout.SignatureSize), Signature);
}
