namespace HemSim.Authenticator;

/// <summary>A pairing the app refuses or could not finish: bad link data, mismatching code, timeout.</summary>
public sealed class PairingException(string message) : Exception(message);
