namespace HemSim.Authenticator;

/// <summary>How the virtual authenticator decides when nobody passes an explicit <see cref="Decision"/>.</summary>
public sealed class ApprovalPolicy
{
    private readonly Func<ApprovalPrompt, Decision> _decide;

    private ApprovalPolicy(string name, Func<ApprovalPrompt, Decision> decide)
    {
        Name = name;
        _decide = decide;
    }

    /// <summary>A short description for the console ("approve all", "ask"…).</summary>
    public string Name { get; }

    public static ApprovalPolicy ApproveAll { get; } = new("approve all", _ => Decision.Approve());

    public static ApprovalPolicy DenyAll { get; } = new("deny all", _ => Decision.Deny());

    /// <summary>Approves a request whose scope starts with one of <paramref name="prefixes"/> (spec §5.4 prefix rule), denies the rest.</summary>
    public static ApprovalPolicy ApprovePrefixes(params string[] prefixes)
    {
        string[] copy = [.. prefixes];
        return new ApprovalPolicy(
            "approve " + string.Join(", ", copy) + " (prefix)",
            prompt => copy.Any(prefix => prompt.RequestedScope.StartsWith(prefix, StringComparison.Ordinal)) ? Decision.Approve() : Decision.Deny());
    }

    /// <summary>Asks <paramref name="ask"/> for every request (the console prompts y/n).</summary>
    public static ApprovalPolicy Ask(Func<ApprovalPrompt, Decision> ask) => new("ask", ask);

    public Decision Decide(ApprovalPrompt prompt) => _decide(prompt);
}
