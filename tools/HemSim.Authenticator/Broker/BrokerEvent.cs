namespace HemSim.Authenticator.Broker;

/// <summary>One pending approval request from <c>GET /notify/app/events/&lt;appid&gt;</c>.</summary>
public sealed record BrokerEvent(string EventId, string Authreq);
