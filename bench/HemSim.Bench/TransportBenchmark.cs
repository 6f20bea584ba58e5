using System.Diagnostics;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Device;
using HemSim.Transport.Links;
using HemSim.Transport.Session;

namespace HemSim.Bench;

/// <summary>
/// The link protocol (host session ⇄ device session) over each link, against baselines from the same run:
/// raw bytes through the same link without framing, and the line rate of a throttled link. The device side
/// is a trivial handler, so the figures are the transport's, not the firmware's.
/// </summary>
internal static class TransportBenchmark
{
    private const string Identity = "HemSim PPA 1.2.2-sim";
    private const int UploadSize = 64 * 1024;
    private const double RequiredLineRateShare = 0.90;

    private static readonly ApiRequest s_small = ApiRequest.Post("/api/echo", Encoding.ASCII.GetBytes("{\"small\":\"request\"}"));
    private static readonly ApiRequest s_upload = new("POST", "/api/system/upgrade/upload_fw", true, RandomNumberGenerator.GetBytes(UploadSize));

    /// <summary>Runs every measurement; false when a throttled link misses 90% of its line rate.</summary>
    public static async Task<bool> RunAsync(TextWriter output, bool quick)
    {
        int scale = quick ? 5 : 1;
        string folder = Path.Combine(Path.GetTempPath(), "hemsim-bench", Guid.NewGuid().ToString("N"));
        try
        {
            output.WriteLine("Baselines: raw bytes through the link, no framing (host → device)");
            await PrintRawAsync(output, BenchLink.InMemory(), 256L * 1024 * 1024 / scale);
            if (OperatingSystem.IsLinux())
            {
                await PrintRawAsync(output, BenchLink.Pty(folder, null), 64L * 1024 * 1024 / scale);
                await PrintRawAsync(output, BenchLink.Pty(folder, 921_600), 64 * 1024);
                await PrintRawAsync(output, BenchLink.Pty(folder, 115_200), 16 * 1024);
            }
            output.WriteLine();

            output.WriteLine($"Link protocol: small request ({s_small.Body.Length} B body, echoed) and {UploadSize / 1024} KiB upload (small answer)");
            output.WriteLine($"{"link",-20} {"small p50",10} {"small p99",10} {"req/s",8} {"req/s ×16",10} {"64K p50",10} {"64K p99",10} {"payload",12}  n");
            bool met = true;
            await PrintProtocolAsync(output, BenchLink.InMemory(), new Counts(5000, 20000, 300) / scale);
            if (OperatingSystem.IsLinux())
            {
                await PrintProtocolAsync(output, BenchLink.Pty(folder, null), new Counts(2000, 5000, 100) / scale);
                met &= await PrintProtocolAsync(output, BenchLink.Pty(folder, 921_600), new Counts(200, 0, 8) / scale);
                met &= await PrintProtocolAsync(output, BenchLink.Pty(folder, 115_200), new Counts(40, 0, 3) / scale);
            }
            return met;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task PrintRawAsync(TextWriter output, BenchLink link, long bytes)
    {
        await using (link)
        {
            double rate = await RawThroughputAsync(link.Host.Output, link.Device.Input, bytes);
            string lineRate = link.BaudRate is int baud
                ? $"  (line rate {Samples.FormatRate(ThrottledLink.BytesPerSecond(baud))}: {rate / ThrottledLink.BytesPerSecond(baud):P1})"
                : "";
            output.WriteLine($"  {link.Name,-20} {Samples.FormatRate(rate),12}  over {bytes / 1024} KiB{lineRate}");
        }
    }

    /// <summary>Prints one row; for a throttled link also the payload share of the line rate, and whether it meets 90%.</summary>
    private static async Task<bool> PrintProtocolAsync(TextWriter output, BenchLink link, Counts counts)
    {
        await using (link)
        {
            await using DeviceSession device = DeviceSession.Start(link.Device, Answer, Identity);
            await using HostSession host = await HostSession.ConnectAsync(link.Host);

            await SequentialAsync(host, s_small, Math.Max(1, counts.Small / 10));        // warm-up
            Samples small = await SequentialAsync(host, s_small, counts.Small);
            string pipelined = counts.Pipelined > 0 ? $"{await PipelinedAsync(host, s_small, counts.Pipelined, 16):F0}" : "-";
            if (link.BaudRate is null)
            {
                await SequentialAsync(host, s_upload, Math.Max(1, counts.Upload / 10));
            }
            Samples upload = await SequentialAsync(host, s_upload, counts.Upload);
            double payload = (double)UploadSize * upload.Count / upload.Total.TotalSeconds;

            output.WriteLine($"{link.Name,-20} {Samples.Format(small.Percentile(50)),10} {Samples.Format(small.Percentile(99)),10} " +
                $"{small.Count / small.Total.TotalSeconds,8:F0} {pipelined,10} {Samples.Format(upload.Percentile(50)),10} " +
                $"{Samples.Format(upload.Percentile(99)),10} {Samples.FormatRate(payload),12}  {small.Count}/{upload.Count}");
            if (link.BaudRate is not int baud)
            {
                return true;
            }
            double share = payload / ThrottledLink.BytesPerSecond(baud);
            bool met = share >= RequiredLineRateShare;
            output.WriteLine($"{"",-20} payload / line rate = {share:P1} (required ≥ {RequiredLineRateShare:P0}: {(met ? "met" : "NOT MET")})");
            return met;
        }
    }

    private static Task<ApiResponse> Answer(ApiRequest request, CancellationToken _) =>
        Task.FromResult(request.Path == "/api/echo" ? new ApiResponse(200, request.Body) : ApiResponse.Empty(200));

    private static async Task<Samples> SequentialAsync(HostSession host, ApiRequest request, int count)
    {
        var samples = new Samples();
        long first = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            long started = Stopwatch.GetTimestamp();
            ApiResponse response = await host.SendAsync(request);
            samples.Add(started, Stopwatch.GetTimestamp());
            if (response.Status != 200)
            {
                throw new InvalidOperationException($"The device answered {response.Status}.");
            }
        }
        samples.SetTotal(first, Stopwatch.GetTimestamp());
        return samples;
    }

    /// <summary>Requests per second with <paramref name="depth"/> requests in flight at all times.</summary>
    private static async Task<double> PipelinedAsync(HostSession host, ApiRequest request, int count, int depth)
    {
        int next = 0;
        long started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, depth).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                await host.SendAsync(request);
            }
        }));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<double> RawThroughputAsync(PipeWriter writer, PipeReader reader, long bytes)
    {
        Task reading = Task.Run(async () =>
        {
            for (long received = 0; received < bytes;)
            {
                ReadResult result = await reader.ReadAsync();
                received += result.Buffer.Length;
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    throw new EndOfStreamException();
                }
            }
        });
        byte[] chunk = RandomNumberGenerator.GetBytes(64 * 1024);
        long started = Stopwatch.GetTimestamp();
        for (long sent = 0; sent < bytes; sent += chunk.Length)
        {
            await writer.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, bytes - sent)));
        }
        await reading;
        return bytes / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private sealed record Counts(int Small, int Pipelined, int Upload)
    {
        public static Counts operator /(Counts counts, int divisor) =>
            new(Math.Max(1, counts.Small / divisor), counts.Pipelined / divisor, Math.Max(1, counts.Upload / divisor));
    }
}
