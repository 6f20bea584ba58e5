using System.Text.Json;

namespace HemSim.Cli.Tests.Fakes;

/// <summary>
/// The login vectors of shared/vectors/ejwt-login.json, computed by an independent implementation of spec §6.1.
/// TestKit copies them to <c>Vectors/shared/</c> in the test output; a checkout without that copy finds them
/// beside the repository.
/// </summary>
internal static class SharedVectors
{
    private const string FileName = "ejwt-login.json";

    private static readonly JsonSerializerOptions s_options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly Lazy<LoginVectorFile> s_login = new(() =>
        JsonSerializer.Deserialize<LoginVectorFile>(File.ReadAllText(Locate()), s_options)
        ?? throw new InvalidDataException($"{FileName} is empty"));

    public static LoginVectorFile Login => s_login.Value;

    private static string Locate()
    {
        string copied = Path.Combine(AppContext.BaseDirectory, "Vectors", "shared", FileName);
        if (File.Exists(copied))
        {
            return copied;
        }

        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HemSim.sln")))
            {
                return Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "vectors", FileName));
            }
        }

        throw new FileNotFoundException($"{FileName} is neither in the test output nor beside the repository");
    }
}

internal sealed record LoginVectorFile(
    string DeviceIdentityPrivateHex,
    string Eid,
    string DeviceSessionPrivateHex,
    string Spk,
    string HeaderJson,
    IReadOnlyList<LoginVector> Vectors)
{
    public LoginVector User => Vectors.Single(vector => vector.Role == "user");

    public LoginVector Master => Vectors.Single(vector => vector.Role == "master");
}

internal sealed record LoginVector(
    string Role,
    string Passphrase,
    string SeedHex,
    string ClientPublicKeyB64,
    string EcdhSharedHex,
    LoginVectorClaims Claims,
    string Auth);

internal sealed record LoginVectorClaims(string Jti, string Aud, long Exp, long Iat, string Iss, string Scope);
