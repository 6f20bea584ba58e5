using System.Security.Cryptography;
using HemSim.Cli.Http;
using HemSim.Cli.Input;
using HemSim.Cli.Text;

namespace HemSim.Cli.Auth;

/// <summary>The local passphrase login (spec §6.1): challenge, eJWT proof, bearer token.</summary>
internal static class LocalLogin
{
    /// <summary>Logs in and returns the bearer token. The passphrase must already be at hand: the challenge lives 60 s.</summary>
    /// <param name="lifetime">
    /// Seconds from now for the proof's <c>exp</c>, which the device copies into the token (spec §5.5); 0 sends
    /// <c>exp = 0</c>, for which the device issues its default 8 h token.
    /// </param>
    public static async Task<string> LoginAsync(
        HemClient client,
        Passphrase passphrase,
        string scope,
        long lifetime,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        HemResponse challengeResponse = await client.GetAsync("/api/auth/token", bearerToken: null, cancellationToken).ConfigureAwait(false);
        AuthChallenge challenge = AuthChallenge.Parse(challengeResponse);

        string auth;
        using (ClientKeyPair keys = PassphraseKeyDerivation.Derive(passphrase.Chars, challenge.Eid))
        {
            byte[] hmacKey = keys.AgreeWith(challenge.SessionPublicKey());
            try
            {
                long now = clock.GetUtcNow().ToUnixTimeSeconds();
                long exp = lifetime == 0 ? 0 : checked(now + lifetime);
                var claims = new LoginClaims(challenge.Jti, challenge.Spk, exp, now, keys.PublicKeyBase64, scope);
                auth = EjwtBuilder.CreateLoginProof(claims, hmacKey);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(hmacKey);
            }
        }

        byte[] body = CompactJson.Write(writer => writer.WriteString("auth", auth));
        HemResponse reply = await client.PostJsonAsync("/api/auth/token", body, bearerToken: null, cancellationToken).ConfigureAwait(false);
        return reply.RequiredString("token");
    }
}
