namespace HemSim.Authenticator;

public enum AnswerKind
{
    Approved,
    Denied,

    /// <summary>Not answered at all: malformed, not for this app, or its scope blob failed the MAC.</summary>
    Ignored,
}
