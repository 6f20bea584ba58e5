using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HemSim.Firmware.Device;

namespace HemSim.Bench;

/// <summary>
/// Key management on the device core with the key store full at its default capacity (issue #4): list of one page,
/// searches that scan every record, get of the last slot, and boot on a data folder holding the full store. Requests
/// go straight into the request pipeline (no transport, no HTTP), so the figures are the firmware's. Baselines from
/// the same run: the same requests on a provisioned device without keys, the pipeline's floor (status), and a raw
/// read of every record from flash.
/// </summary>
internal static class KeyMgmtBenchmark
{
    private const double OperationTargetMs = 5;
    private const double BootTargetMs = 500;
    private const string DescrPrefix = "BENCH:";

    /// <summary>Runs every measurement; false when a target is missed or an operation answers an unexpected status.</summary>
    public static bool Run(TextWriter output, bool quick)
    {
        int iterations = quick ? 200 : 2000;
        int boots = quick ? 3 : 9;
        string root = Path.Combine(Path.GetTempPath(), "hemsim-bench", Guid.NewGuid().ToString("N"));
        try
        {
            string emptyFolder = Path.Combine(root, "empty");
            string fullFolder = Path.Combine(root, "full");

            Row[] empty;
            using (DeviceCore core = DeviceCore.Create(new HemDeviceOptions { DataDirectory = emptyFolder }))
            {
                var device = Session.Start(core);
                empty = Measure(device, iterations, lastKid: new string('0', 32), lastIndex: 0, checkContent: false);
            }

            Row[] full;
            int capacity;
            Samples fill;
            Samples rawRead;
            bool fullRefuses;
            using (DeviceCore core = DeviceCore.Create(new HemDeviceOptions { DataDirectory = fullFolder }))
            {
                var device = Session.Start(core);
                capacity = core.Keys.Capacity;
                (fill, string lastKid) = Fill(device, capacity);
                fullRefuses = device.Login.Post("/api/keymgmt/create", """{"label":"one too many","type":"AES128"}""", device.Gen).Status == 406;
                full = Measure(device, iterations, lastKid, capacity - 1, checkContent: true);
                rawRead = Repeat(Math.Max(10, iterations / 20), () => core.Flash.ReadSlots().Count == capacity ? 200 : 500, out _);
            }

            Samples bootEmpty = Boots(emptyFolder, boots);
            Samples bootFull = Boots(fullFolder, boots);

            output.WriteLine($"Key store: {capacity} slots (default), filled with AES128 creates (descr {DescrPrefix}0000…{capacity - 1:D4})");
            output.WriteLine($"  fill: {fill.Count} creates in {Samples.Format(fill.Total)}  (per create p50 {Samples.Format(fill.Percentile(50))}, " +
                $"p99 {Samples.Format(fill.Percentile(99))}); create on the full store → {(fullRefuses ? "406" : "NOT 406")}");
            output.WriteLine();
            output.WriteLine($"Device core, one request at a time ({iterations} runs each after {iterations / 10} warm-up)");
            output.WriteLine($"{"operation",-36} {"empty p50",10} {"empty p99",10} {"code",5} {"full p50",10} {"full p99",10} {"code",5}");
            bool met = fullRefuses;
            for (int i = 0; i < full.Length; i++)
            {
                Row e = empty[i];
                Row f = full[i];
                output.WriteLine($"{f.Name,-36} {Samples.Format(e.Samples.Percentile(50)),10} {Samples.Format(e.Samples.Percentile(99)),10} {e.Status,5} " +
                    $"{Samples.Format(f.Samples.Percentile(50)),10} {Samples.Format(f.Samples.Percentile(99)),10} {f.Status,5}{(f.Status == f.Expected ? "" : $"  UNEXPECTED (want {f.Expected}; -1: 200 without the expected content)")}");
                if (f.Judged)
                {
                    met &= f.Status == f.Expected && f.Samples.Percentile(99).TotalMilliseconds < OperationTargetMs;
                }
            }
            output.WriteLine($"{"raw flash read of all records",-36} {"",10} {"",10} {"",5} {Samples.Format(rawRead.Percentile(50)),10} {Samples.Format(rawRead.Percentile(99)),10}");
            output.WriteLine();
            output.WriteLine($"Boot (HemDevice.Boot on the data folder, {boots} boots)   best    median");
            output.WriteLine($"  {"provisioned, no keys",-44} {Samples.Format(bootEmpty.Percentile(0)),8} {Samples.Format(bootEmpty.Percentile(50)),8}");
            output.WriteLine($"  {$"full key store ({capacity} records)",-44} {Samples.Format(bootFull.Percentile(0)),8} {Samples.Format(bootFull.Percentile(50)),8}");
            bool bootMet = bootFull.Percentile(50).TotalMilliseconds < BootTargetMs;
            output.WriteLine();
            output.WriteLine($"Targets: list/search/get p99 < {OperationTargetMs} ms on the full store: {(met ? "met" : "NOT MET")}; " +
                $"boot median < {BootTargetMs} ms: {(bootMet ? "met" : "NOT MET")}");
            return met && bootMet;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static Row[] Measure(Session device, int iterations, string lastKid, int lastIndex, bool checkContent)
    {
        int lastPage = Math.Max(0, lastIndex + 1 - 15);
        string last = Needle("^", DescrPrefix + lastIndex.ToString("D4", CultureInfo.InvariantCulture));
        string none = Needle("^", "NO-SUCH-DESCRIPTION");
        string anywhere = Needle("", "NOTHING-HERE");
        // Each 200 must also carry what proves the work was done: the last key, a full page.
        var operations = new (string Name, int Expected, bool Judged, string Proof, Func<ApiResponse> Call)[]
        {
            ("status (pipeline floor, no token)", 200, false, "", () => device.Login.Get("/api/system/status", tls: false)),
            ("list first page (/list/0)", 200, true, "\"listed\":15", () => device.Login.Get("/api/keymgmt/list/0", device.List)),
            ($"list last page (/list/{lastPage})", 200, true, lastKid, () => device.Login.Get($"/api/keymgmt/list/{lastPage}", device.List)),
            ("search ^prefix, only the last key", 200, true, lastKid, () => device.Login.Post("/api/keymgmt/search", $$"""{"descr":"{{last}}"}""", device.Search)),
            ("search ^prefix, no match (404)", 404, true, "", () => device.Login.Post("/api/keymgmt/search", $$"""{"descr":"{{none}}"}""", device.Search)),
            ("search contains, no match (404)", 404, true, "", () => device.Login.Post("/api/keymgmt/search", $$"""{"descr":"{{anywhere}}"}""", device.Search)),
            ("get last slot", 200, true, "\"type\":\"AES128\"", () => device.Login.Get("/api/keymgmt/get/" + lastKid, device.Get)),
        };
        return [.. operations.Select(op =>
        {
            Repeat(Math.Max(1, iterations / 10), op.Call, out _);
            Samples samples = Repeat(iterations, op.Call, out int status);
            ApiResponse check = op.Call();
            bool proven = !checkContent || check.Status != 200 || Encoding.UTF8.GetString(check.Body).Contains(op.Proof, StringComparison.Ordinal);
            return new Row(op.Name, samples, proven ? status : -1, op.Expected, op.Judged);
        })];
    }

    /// <summary>Creates keys until the store is full; returns the per-create times and the kid in the last slot.</summary>
    private static (Samples Fill, string LastKid) Fill(Session device, int capacity)
    {
        var samples = new Samples();
        string lastKid = "";
        long first = Stopwatch.GetTimestamp();
        for (int i = 0; i < capacity; i++)
        {
            string body = $$"""{"label":"bench {{i}}","type":"AES128","descr":"{{Convert.ToBase64String(Encoding.ASCII.GetBytes(DescrPrefix + i.ToString("D4", CultureInfo.InvariantCulture)))}}"}""";
            long started = Stopwatch.GetTimestamp();
            ApiResponse response = device.Login.Post("/api/keymgmt/create", body, device.Gen);
            samples.Add(started, Stopwatch.GetTimestamp());
            if (response.Status != 200)
            {
                throw new InvalidOperationException($"Create {i} answered {response.Status}.");
            }
            lastKid = JsonNode.Parse(response.Body)!["kid"]!.GetValue<string>();
        }
        samples.SetTotal(first, Stopwatch.GetTimestamp());
        return (samples, lastKid);
    }

    private static Samples Boots(string folder, int count)
    {
        var samples = new Samples();
        for (int i = 0; i < count; i++)
        {
            long started = Stopwatch.GetTimestamp();
            HemDevice device = HemDevice.Boot(new HemDeviceOptions { DataDirectory = folder });
            samples.Add(started, Stopwatch.GetTimestamp());
            device.Dispose();
        }
        return samples;
    }

    private static Samples Repeat(int count, Func<ApiResponse> call, out int status) =>
        Repeat(count, () => call().Status, out status);

    private static Samples Repeat(int count, Func<int> call, out int status)
    {
        var samples = new Samples();
        status = 0;
        for (int i = 0; i < count; i++)
        {
            long started = Stopwatch.GetTimestamp();
            status = call();
            samples.Add(started, Stopwatch.GetTimestamp());
        }
        return samples;
    }

    private static string Needle(string anchor, string text) => anchor + Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    private sealed record Row(string Name, Samples Samples, int Status, int Expected, bool Judged);

    /// <summary>A provisioned device with one token per scope the measurements use.</summary>
    private sealed record Session(BenchLogin Login, string Gen, string List, string Search, string Get)
    {
        public static Session Start(DeviceCore core)
        {
            var login = new BenchLogin(core);
            login.Provision();
            return new Session(login, login.Token("keymgmt:gen"), login.Token("keymgmt:list"), login.Token("keymgmt:search"), login.Token("keymgmt:get"));
        }
    }
}
