using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;

namespace HemSim.Bench;

/// <summary>
/// Where the time of a request goes besides the primitive: each step of the firmware's request path, timed alone on
/// the same device (issue #5: "the device core must not be the slow part"). Printed under the crypto table.
/// </summary>
internal static class CryptoOverhead
{
    public static void Print(TextWriter output, DeviceCore core, string token, int iterations)
    {
        byte[] kib = new byte[1024];
        new Random(5).NextBytes(kib);
        string msgKib = Convert.ToBase64String(kib);
        byte[] body = Encoding.UTF8.GetBytes($$"""{"kid":"00112233445566778899aabbccddeeff","msg":"{{msgKib}}","alg":"AES256-GCM"}""");
        byte[] nonce = new byte[16];
        byte[] kid = new byte[16];
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string authorization = "Bearer " + token;

        var parts = new (string Name, Action Step)[]
        {
            ("device entropy: 16 bytes (GCM nonce)", () => core.Entropy.Fill(nonce)),
            ("bearer token check, first use (HMAC + claims)", () => BearerToken.TryValidate(authorization, core.Boot.TokenKey, now, out _)),
            ("bearer token check, known token (per-boot cache)", () => core.Boot.Tokens.TryValidate(authorization, core.Boot.TokenKey, now, out _)),
            ("JSON body parse, 1 KiB message", () =>
            {
                JsonBody.TryParse(body, out var parsed);
                parsed!.Dispose();
            }),
            ("base64 decode, 1 KiB", () => Base64Text.TryDecode(msgKib, out _)),
            ("JSON answer with 1 KiB base64", () => JsonOut.Object(w => w.WriteBase64String("ciphertext", kib))),
            ("audit line (journal append)", () => core.Audit(AuditEvent.CryptoEncrypt, AuditResult.Ok, "U", kid)),
        };
        output.WriteLine($"Request path, step by step ({iterations} runs each, after warm-up)   {"p50",8} {"mean",8}");
        foreach (var (name, step) in parts)
        {
            for (int i = 0; i < iterations / 10; i++)
            {
                step();
            }
            var samples = new Samples();
            long first = Stopwatch.GetTimestamp();
            for (int i = 0; i < iterations; i++)
            {
                long started = Stopwatch.GetTimestamp();
                step();
                samples.Add(started, Stopwatch.GetTimestamp());
            }
            samples.SetTotal(first, Stopwatch.GetTimestamp());
            output.WriteLine($"  {name,-64} {Samples.Format(samples.Percentile(50)),8} {Samples.Format(samples.Total / iterations),8}");
        }
    }
}
