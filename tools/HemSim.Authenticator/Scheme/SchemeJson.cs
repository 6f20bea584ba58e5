using System.Text.Encodings.Web;
using System.Text.Json;

namespace HemSim.Authenticator.Scheme;

/// <summary>JSON as the device writes it: compact, and b64 text such as <c>+</c> left unescaped.</summary>
internal static class SchemeJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Parsing of received messages: a member named twice is malformed (<see cref="JsonException"/>). JSON allows
    /// it, but a <see cref="System.Text.Json.Nodes.JsonObject"/> throws <see cref="ArgumentException"/> on first
    /// access to such an object — e.g. an authreq from a device holding two records of one pid — and which of the
    /// two values counts would be a guess.
    /// </summary>
    public static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };
}
