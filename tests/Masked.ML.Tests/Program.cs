using Masked.Arrow;

namespace Masked.ML.Tests;

/// <summary>
/// Entry point of the test assembly when run as a child process (<c>dotnet Masked.ML.Tests.dll mode ...</c>), so that
/// a crash fails a test instead of killing the test run. The test runner itself never calls it.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "fuzz") return Masked.Fuzz.FuzzRunner.Main(args[1..]);
        if (args.Length > 1 && args[0] == "parquet-memory") return ParquetMemory(args[1]);
        if (args.Length > 1 && args[0] == "mapped-truncate") return MappedTruncate(args[1]);
        if (args.Length > 2 && args[0] == "load-score") return LoadScore(args[1], args[2]);
        Console.Error.WriteLine("modes: fuzz N [seed] | parquet-memory FILE | mapped-truncate FILE | load-score MODEL ROWS");
        return 1;
    }

    /// <summary>Loads a saved model in this fresh process and prints its output on the check table (as Masked.ML.LoadCheck does,
    /// but with this assembly's custom forward functions available).</summary>
    private static int LoadScore(string model, string rows)
    {
        var ml = new Microsoft.ML.MLContext(seed: 11);
        var loaded = ml.Model.Load(model, out _);
        foreach (var line in Dump.Columns(loaded.Transform(CheckData.Read(ml, rows)))) Console.WriteLine(line);
        return 0;
    }

    /// <summary>Streams a Parquet file in 4096-row batches, touching every value; prints the peak working set.</summary>
    private static int ParquetMemory(string path)
    {
        double sum = 0;
        long rows = 0;
        foreach (var cols in ParquetTensors.ReadMaskedColumns(path, batchSize: 4096))
        {
            var t = cols[0].As<float>();
            sum += t.Sum().TryItem(out float s) ? s : 0;
            for (int c = 1; c < cols.Count; c++) sum += cols[c].As<double>().Sum().TryItem(out double d) ? d : 0;
            rows += t.Length;
        }
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"rows={rows} sum={sum} peak_working_set={self.PeakWorkingSet64} gc0={GC.CollectionCount(0)} gc2={GC.CollectionCount(2)} heap={GC.GetGCMemoryInfo().HeapSizeBytes} committed={GC.GetGCMemoryInfo().TotalCommittedBytes} {string.Join(" ", File.ReadAllLines("/proc/self/status").Where(l => l.StartsWith("Rss")).Select(l => l.Replace(" ", "").Replace("\t", "").Replace(":", "=")))}");
        return 0;
    }

    /// <summary>Maps an IPC stream file, truncates the file under the live tensor and reads it (documents what happens).</summary>
    private static int MappedTruncate(string path)
    {
        var batches = ArrowIpc.ReadStreamMapped(path);
        var t = batches[0].GetMaskedColumn<float>("x");
        Console.WriteLine($"before={t.Sum().Item()}");
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) fs.SetLength(0);
        Console.Out.Flush();
        Console.WriteLine($"after={t.Sum().Item()}");
        return 0;
    }
}
