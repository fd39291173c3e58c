using System.Diagnostics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Masked.Arrow;
using Masked.Cli;
using Microsoft.Data.Analysis;

namespace Masked.Bench;

/// <summary>
/// <c>-- profile</c>: memory and throughput of <c>masked profile</c> on generated Parquet files of 5M and 50M rows × 4
/// float32 columns (10% nulls), each run in its own process so peak working set is that run's; beside it, the
/// pandas.describe-style job done by loading the whole file into a Microsoft.Data.Analysis DataFrame
/// (Description() + per-column Median()), on files up to 10M rows (it holds the whole file in memory).
/// </summary>
internal static class ProfileMeasurements
{
    private const int Columns = 4;

    public static void Run(string[] args)
    {
        string dir = args.Length > 1 ? args[1] : Path.GetTempPath();
        long[] sizes = args.Length > 2 ? args[2..].Select(long.Parse).ToArray() : [5_000_000, 50_000_000];
        Console.WriteLine($"profile measurements: {Environment.ProcessorCount} cores, files under {dir}");
        var results = new List<(string what, long rows, double seconds, long peak)>();
        foreach (long rows in sizes)
        {
            string path = Path.Combine(dir, $"masked-profile-{rows}.parquet");
            if (!File.Exists(path)) Generate(path, rows);
            Console.WriteLine($"file {path}: {new FileInfo(path).Length / 1e6:F0} MB");
            // The whole-file DataFrame needs ~120 bytes per row (6 GB at 50M rows): measured up to 10M rows only.
            foreach (var what in rows <= 10_000_000 ? ["masked-profile", "dataframe-describe"] : new[] { "masked-profile" })
            {
                var (seconds, peak) = Child(what, path);
                results.Add((what, rows, seconds, peak));
                Console.WriteLine($"{what,-20} rows={rows,11:N0} seconds={seconds,7:F2} rows_per_s={rows / seconds / 1e6,7:F1}M peak_working_set={peak / 1e6,7:F0} MB");
            }
        }
        var ours = results.Where(r => r.what == "masked-profile").ToList();
        if (ours.Count == 2)
            Console.WriteLine($"masked-profile peak working set {ours[1].rows:N0} rows / {ours[0].rows:N0} rows = {(double)ours[1].peak / ours[0].peak:F2}x");
    }

    /// <summary>Runs one measurement in a fresh process: "seconds peak_bytes" on its last line.</summary>
    private static (double seconds, long peak) Child(string what, string path)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") psi.ArgumentList.Add(typeof(ProfileMeasurements).Assembly.Location);
        psi.ArgumentList.Add("profile-child");
        psi.ArgumentList.Add(what);
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{what} failed ({p.ExitCode}): {output}");
        var last = output.Trim().Split('\n')[^1].Split(' ');
        return (double.Parse(last[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(last[1]));
    }

    /// <summary>The child: one job, then "seconds peak_working_set_bytes".</summary>
    public static int RunChild(string what, string path)
    {
        // Peak anonymous (heap, native buffers) and file-backed (mapped file pages) resident memory, sampled.
        long peakAnon = 0, peakFile = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var line in File.ReadLines("/proc/self/status"))
                {
                    if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) peakAnon = Math.Max(peakAnon, Kb(line));
                    else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) peakFile = Math.Max(peakFile, Kb(line));
                }
                Thread.Sleep(50);
            }
        });
        var sw = Stopwatch.StartNew();
        if (what.StartsWith("read-only", StringComparison.Ordinal))
        {
            using var props = ParquetSharp.Arrow.ArrowReaderProperties.GetDefault();
            props.BatchSize = 1 << 18;
            props.PreBuffer = what == "read-only-prebuffer";
            using var reader = new ParquetSharp.Arrow.FileReader(path, arrowProperties: props);
            using var stream = reader.GetRecordBatchReader();
            long n = 0;
            while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } b) using (b) n += b.Length;
            Console.WriteLine($"{n} rows");
        }
        else if (what == "masked-profile")
        {
            var err = new StringWriter();
            int code = MaskedCli.Run(["profile", path, "--json"], TextWriter.Null, err);
            if (code != 0) { Console.WriteLine(err); return code; }
        }
        else
        {
            // pandas.describe-style: the whole file in memory as a DataFrame, then count/mean/std/min/max and the median.
            var batches = ParquetTensors.ReadBatches(path, batchSize: int.MaxValue).ToList();
            double check = 0;
            foreach (var batch in batches)
            {
                var df = DataFrame.FromArrowRecordBatch(batch);
                var description = df.Description();
                check += description.Rows.Count;
                foreach (var col in df.Columns) check += Convert.ToDouble(col.Median()) + col.NullCount;
            }
            if (double.IsNaN(check)) Console.WriteLine("nan");
        }
        sw.Stop();
        stop.Cancel();
        sampler.Wait();
        Console.WriteLine($"sampled peaks: anonymous {peakAnon / 1e6:F0} MB, file-backed {peakFile / 1e6:F0} MB");
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"{sw.Elapsed.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} {self.PeakWorkingSet64}");
        return 0;
    }

    private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    /// <summary>Writes <paramref name="rows"/> rows × 4 nullable float32 columns (10% nulls) in 1M-row row groups, batch by batch.</summary>
    private static void Generate(string path, long rows)
    {
        Console.WriteLine($"generating {path} ({rows:N0} rows)...");
        ParquetTensors.Write(path, Batches(rows), rowGroupSize: 1 << 20);

        static IEnumerable<RecordBatch> Batches(long rows)
        {
            var rng = new Random(42);
            const int size = 1 << 20;
            for (long start = 0; start < rows; start += size)
            {
                int n = (int)Math.Min(size, rows - start);
                var fields = new List<Field>();
                var arrays = new List<IArrowArray>();
                for (int c = 0; c < Columns; c++)
                {
                    var b = new FloatArray.Builder().Reserve(n);
                    for (int i = 0; i < n; i++)
                    {
                        if (rng.NextDouble() < 0.1) b.AppendNull();
                        else b.Append((float)(c == 0 ? rng.NextDouble() : c == 1 ? rng.NextDouble() * 1000 - 500 : c == 2 ? Math.Exp(rng.NextDouble() * 10) : Math.Round(rng.NextDouble() * 100)));
                    }
                    fields.Add(new Field($"f{c}", FloatType.Default, true));
                    arrays.Add(b.Build());
                }
                yield return new RecordBatch(new Schema(fields, null), arrays, n);
            }
        }
    }
}
