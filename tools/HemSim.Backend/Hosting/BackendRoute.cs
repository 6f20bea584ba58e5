namespace HemSim.Backend.Hosting;

/// <summary>
/// One entry of the backend's route table: <see cref="Method"/> and <see cref="Path"/>, where a path ending in
/// <c>/</c> is a prefix whose remainder (e.g. <c>NAME/AUTHKEY</c> of <c>/domain/register/NAME/AUTHKEY</c>) goes to
/// the handler; the handler answers a status and a JSON body.
/// </summary>
internal sealed record BackendRoute(string Method, string Path, Func<string, byte[], (int Status, byte[] Body)> Handle)
{
    /// <summary>The remainder of <paramref name="path"/> after this route's prefix, or null when the route does not match.</summary>
    public string? Match(string method, string path)
    {
        if (!string.Equals(method, Method, StringComparison.Ordinal))
        {
            return null;
        }
        if (!Path.EndsWith('/'))
        {
            return string.Equals(path, Path, StringComparison.Ordinal) ? "" : null;
        }
        return path.StartsWith(Path, StringComparison.Ordinal) ? path[Path.Length..] : null;
    }
}
