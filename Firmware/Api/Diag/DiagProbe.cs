using System.Security.Cryptography;
using HemSim.Firmware.Entropy;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Diag;

/// <summary>The DIAG build's own access and flags: unauthenticated, HTTP and HTTPS, also while a fault is latched.</summary>
internal static class DiagEndpoint
{
    /// <summary>404 on a production build (spec §16); works in the fault state so a broken device can be inspected.</summary>
    public const EndpointFlags Flags = EndpointFlags.DiagOnly | EndpointFlags.AllowedWhileFaulted;
}

/// <summary>G1 <c>GET /api/diag/test</c> (spec §16): liveness. 200 empty; 404 on a production build.</summary>
internal static class DiagTest
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/diag/test", Access.Public, DiagEndpoint.Flags, _ => Reply.Of(ApiStatus.Ok));
}

/// <summary>
/// G2 <c>GET /api/diag/test_trng</c> (spec §16): 8192 bytes from the device's entropy source (SIM: the DRBG, or the
/// seeded source of a deterministic device). 200 <c>{"rnd": b64}</c>; 400 when the source fails (a health-test
/// failure, or a TRNG fault armed by <c>break_trng</c>); 404 on a production build. Records the sample's Shannon
/// entropy as <c>break_trng</c>'s <c>last_val</c>.
/// </summary>
internal static class DiagTestTrng
{
    public const int SampleSize = 8192;

    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/diag/test_trng", Access.Public, DiagEndpoint.Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        var diag = context.Device.Boot.Diag;
        if (diag.TrngBroken)
        {
            return Reply.Of(ApiStatus.Malformed);   // "entropy source short": the broken TRNG yields nothing
        }
        var sample = new byte[SampleSize];
        try
        {
            context.Device.Entropy.Fill(sample);
        }
        catch (EntropyFailureException)
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        diag.LastEntropyMilliBits = ShannonMilliBits(sample);
        var text = Base64Text.Encode(sample);
        CryptographicOperations.ZeroMemory(sample);
        return Reply.Json(w => w.WriteString("rnd", text));
    }

    /// <summary>Shannon entropy of the byte histogram of <paramref name="sample"/>, in milli-bits per byte (0–8000).</summary>
    public static int ShannonMilliBits(ReadOnlySpan<byte> sample)
    {
        if (sample.IsEmpty)
        {
            return 0;
        }
        Span<int> counts = stackalloc int[256];
        foreach (var b in sample)
        {
            counts[b]++;
        }
        double bits = 0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / sample.Length;
                bits -= p * Math.Log2(p);
            }
        }
        return (int)Math.Round(bits * 1000);
    }
}
