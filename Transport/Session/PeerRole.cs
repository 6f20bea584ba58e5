namespace HemSim.Transport.Session;

/// <summary>Which end of the link sent a Hello. Explicit wire values.</summary>
internal enum PeerRole : byte
{
    Host = 1,
    Device = 2,
}
