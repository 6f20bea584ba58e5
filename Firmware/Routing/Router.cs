namespace HemSim.Firmware.Routing;

/// <summary>The route table: every endpoint registered once; matching by method and path segments.</summary>
internal sealed class Router
{
    private readonly List<EndpointDescriptor> _routes = [];

    public Router(IEnumerable<EndpointDescriptor> routes)
    {
        foreach (var route in routes)
        {
            if (_routes.Any(r => r.Method == route.Method && r.Path == route.Path))
            {
                throw new ArgumentException($"Route registered twice: {route.Method} {route.Path}", nameof(routes));
            }
            _routes.Add(route);
        }
    }

    public IReadOnlyList<EndpointDescriptor> Routes => _routes;

    /// <summary>Finds the route for <paramref name="method"/> and <paramref name="path"/>; parameters in order.</summary>
    public bool TryMatch(string method, string path, out EndpointDescriptor? route, out IReadOnlyList<string> parameters)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var candidate in _routes)
        {
            if (candidate.Method == method && TryBind(candidate.Segments, segments, out parameters))
            {
                route = candidate;
                return true;
            }
        }
        route = null;
        parameters = [];
        return false;
    }

    private static bool TryBind(string[] template, string[] segments, out IReadOnlyList<string> parameters)
    {
        parameters = [];
        if (template.Length != segments.Length)
        {
            return false;
        }
        var bound = new List<string>();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i].StartsWith('{'))
            {
                bound.Add(segments[i]);
            }
            else if (!string.Equals(template[i], segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        parameters = bound;
        return true;
    }
}
