namespace HemSim.Firmware.Auth;

/// <summary>
/// Bearer tokens this boot has already validated in full (spec §5.2), by their exact <c>Authorization</c> text, so a
/// client that reuses its token — every client does — pays a lookup instead of an HMAC and a JSON parse per request.
/// </summary>
/// <remarks>
/// Only a header that passed <see cref="BearerToken.TryValidate"/> is ever cached, and its <c>exp</c> is checked again
/// on every use, so the cache answers exactly what a full validation would. It lives in the boot state: a reboot
/// discards it with the token key. Bounded: when <see cref="Capacity"/> headers are cached it starts over.
/// </remarks>
internal sealed class TokenCache
{
    public const int Capacity = 256;

    private readonly Dictionary<string, TokenClaims> _claims = new(StringComparer.Ordinal);

    public int Count => _claims.Count;

    /// <summary>The claims of <paramref name="authorization"/> if it is a valid, unexpired token of this boot.</summary>
    public bool TryValidate(string authorization, ReadOnlySpan<byte> tokenKey, long now, out TokenClaims? claims)
    {
        if (_claims.TryGetValue(authorization, out claims))
        {
            if (claims.Expires > now)
            {
                return true;
            }
            _claims.Remove(authorization);
            claims = null;
            return false;
        }
        if (!BearerToken.TryValidate(authorization, tokenKey, now, out claims))
        {
            return false;
        }
        if (_claims.Count >= Capacity)
        {
            _claims.Clear();
        }
        _claims[authorization] = claims!;
        return true;
    }

    public void Clear() => _claims.Clear();
}
