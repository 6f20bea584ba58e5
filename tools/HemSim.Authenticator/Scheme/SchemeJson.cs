using System.Text.Encodings.Web;
using System.Text.Json;

namespace HemSim.Authenticator.Scheme;

/// <summary>JSON as the device writes it: compact, and b64 text such as <c>+</c> left unescaped.</summary>
internal static class SchemeJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
