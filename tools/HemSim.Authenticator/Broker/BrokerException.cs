using System.Net;

namespace HemSim.Authenticator.Broker;

/// <summary>The broker answered with an unexpected status or body (an unknown id is 404, an answered one 409, §5).</summary>
public sealed class BrokerException(HttpStatusCode? status, string message) : Exception(message)
{
    /// <summary>The HTTP status, or null when the body was the problem.</summary>
    public HttpStatusCode? Status { get; } = status;
}
