using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HemSim.Authenticator.Scheme;
using HemSim.Authenticator.State;

namespace HemSim.Authenticator;

/// <summary>
/// The "phone app" of docs/EXTERNAL-AUTH.md: answers pairing requests (§3 steps 4 and 7) and approval requests
/// (§4 step 5) with a decision policy. The in-process methods take and return strings and never touch HTTP, so
/// firmware tests can play the app; the <c>…Async</c> methods do the same through a broker.
/// <para>
/// The app checks no <c>exp</c>: the device refuses what has expired, by its own clock — the one that counts
/// (a simulated device may run on a fake clock far from this machine's).
/// </para>
/// </summary>
public sealed partial class VirtualAuthenticator(ApprovalPolicy policy, PairingStore? store = null)
{
    private const int PidSize = 16;
    private const int MaxLabelLength = 31;
    private const string KeyUsePrefix = "keymgmt:use:";
    private readonly PairingStore _store = store ?? PairingStore.InMemory();
    private readonly HashSet<string> _handledEvents = new(StringComparer.Ordinal);

    public ApprovalPolicy Policy { get; set; } = policy;

    public IReadOnlyList<Pairing> Pairings => _store.Pairings;

    /// <summary>
    /// Answers a pairing request (§3 step 4): makes a new app key pair and pid and builds the reply. Nothing is kept
    /// until <see cref="CompletePairing"/> sees the right code.
    /// </summary>
    /// <param name="eid">The device's identity key, b64, as the link shows it.</param>
    /// <param name="request">The device's <c>request</c> JWT.</param>
    /// <param name="label">The app's name on the device: printable ASCII, 1–31 characters (spec §17.3).</param>
    /// <exception cref="PairingException">The label, eid or request is unusable, or the request is not from <paramref name="eid"/>.</exception>
    public PendingPairing BeginPairing(string eid, string request, string label) => BeginPairing(eid, request, label, broker: null);

    /// <summary>Keeps the pairing when <paramref name="code"/> is the one the app computes itself (§3 step 7).</summary>
    /// <returns>The new pairing, or null (nothing kept) when the codes differ.</returns>
    public Pairing? CompletePairing(PendingPairing pending, string kid, string code)
    {
        byte[] kapp = pending.SharedKey();
        try
        {
            byte[] expected = Encoding.ASCII.GetBytes(ExtScheme.PairingCode(kapp, pending.Reply));
            if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(code)))
            {
                return null;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kapp);
        }
        Pairing pairing = pending.Confirm(kid);
        _store.Add(pairing);
        return pairing;
    }

    /// <summary>Forgets a pairing (the device keeps its record until someone deletes it).</summary>
    public bool Forget(string pid) => _store.Remove(pid);

    /// <summary>
    /// Answers one authreq: finds this app's blob, checks its MAC and decrypts it, then decides and signs.
    /// </summary>
    /// <param name="decision">The answer; null asks <see cref="Policy"/>.</param>
    /// <param name="pairing">The pairing to answer for; null takes the first of this app's pairings named in the scope object.</param>
    public AuthAnswer Answer(string authreq, Decision? decision = null, Pairing? pairing = null)
    {
        if (!AuthRequest.TryParse(authreq, out AuthRequest request) || !Base64Text.TryDecode(request.Jti, out byte[] jti))
        {
            return AuthAnswer.Ignored("the authreq is malformed");
        }
        pairing ??= _store.Pairings.FirstOrDefault(candidate => request.Scopes.ContainsKey(candidate.AppIdB64));
        if (pairing is null || !request.Scopes.TryGetValue(pairing.AppIdB64, out string? blobText))
        {
            return AuthAnswer.Ignored("the authreq is not for this app");
        }
        byte[] kapp = pairing.SharedKey();
        try
        {
            if (!Base64Text.TryDecode(blobText, out byte[] blob)
                || !ScopeBlob.TryOpen(kapp, jti, blob, ScopeDirection.Request, out string plaintext))
            {
                return AuthAnswer.Ignored("the scope blob fails its MAC", pairing);
            }
            ApprovalPrompt prompt = Prompt(pairing, request, plaintext);
            decision ??= Policy.Decide(prompt);
            if (!decision.IsApproval)
            {
                return new AuthAnswer(AnswerKind.Denied, null, pairing, prompt.RequestedScope, null, null);
            }
            string scope = decision.Scope ?? prompt.RequestedScope;
            string authreply = AppMessages.BuildAuthReply(
                kapp,
                new AuthReplyContent(request.Jti, Convert.FromBase64String(pairing.Pid), scope, decision.Exp ?? request.Exp) { Ctx = request.Ctx });
            return new AuthAnswer(AnswerKind.Approved, authreply, pairing, prompt.RequestedScope, scope, null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kapp);
        }
    }

    private PendingPairing BeginPairing(string eid, string request, string label, Uri? broker)
    {
        if (label.Length is 0 or > MaxLabelLength || label.Any(c => c is < ' ' or > '~'))
        {
            throw new PairingException($"the label must be 1–{MaxLabelLength} printable ASCII characters");
        }
        if (!Base64Text.TryDecode(eid, out byte[] eidBytes) || eidBytes.Length != ExtScheme.KeySize)
        {
            throw new PairingException("the eid is not a b64 32-byte key");
        }
        if (!ExtJws.TryParse(request, out ExtJwsParts parts) || !parts.HasSchemeHeader
            || parts.Claims["jti"] is not JsonValue jtiValue || !jtiValue.TryGetValue(out string? jti))
        {
            throw new PairingException("the pairing request is not a JWT of this scheme with a jti");
        }
        if (parts.Claims["iss"] is not JsonValue issValue || !issValue.TryGetValue(out string? iss) || iss != eid)
        {
            throw new PairingException("the pairing request was not issued by the device the link names");
        }
        (byte[] ask, byte[] apk) = ExtScheme.NewKeyPair();
        byte[] pid = RandomNumberGenerator.GetBytes(PidSize);
        byte[] kapp = ExtScheme.SharedKey(ask, eidBytes);
        try
        {
            string reply = AppMessages.BuildReply(kapp, new ReplyContent(jti, pid, label, apk));
            return new PendingPairing(Convert.ToBase64String(pid), eid, jti, label, reply, broker, ask);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kapp);
        }
    }

    /// <summary>
    /// Splits the <c>#b64({"t","l"})</c> key description off a <c>keymgmt:use:&lt;kid&gt;</c> scope (§4 step 3). The
    /// device adds it to no other scope, so in any other scope a <c>#</c> is part of the scope itself.
    /// </summary>
    private static ApprovalPrompt Prompt(Pairing pairing, AuthRequest request, string plaintext)
    {
        int hash = plaintext.StartsWith(KeyUsePrefix, StringComparison.Ordinal) ? plaintext.IndexOf('#', StringComparison.Ordinal) : -1;
        if (hash < 0)
        {
            return new ApprovalPrompt(pairing, request, plaintext, null, null);
        }
        string? type = null;
        string? keyLabel = null;
        if (Base64Text.TryDecode(plaintext[(hash + 1)..], out byte[] json))
        {
            try
            {
                if (JsonNode.Parse(json, documentOptions: SchemeJson.Strict) is JsonObject key)
                {
                    type = key["t"] is JsonValue t && t.TryGetValue(out string? typeText) ? typeText : null;
                    keyLabel = key["l"] is JsonValue l && l.TryGetValue(out string? labelText) ? labelText : null;
                }
            }
            catch (JsonException)
            {
                // A description the app cannot read is only not shown; the scope itself is what gets approved.
            }
        }
        return new ApprovalPrompt(pairing, request, plaintext[..hash], type, keyLabel);
    }
}
