using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Masked.Bench;

// dotnet run -c Release --project bench/Masked.Bench                 -> every suite (BenchmarkDotNet defaults)
// dotnet run -c Release --project bench/Masked.Bench -- quick        -> every suite, short runs (a few minutes)
// dotnet run -c Release --project bench/Masked.Bench -- --filter '*Core*'   (any BenchmarkDotNet arguments)
// dotnet run -c Release --project bench/Masked.Bench -- zerocopy     -> allocation of Arrow -> tensor for 1M/10M/100M float32
// dotnet run -c Release --project bench/Masked.Bench -- parquet      -> Parquet read throughput, ours vs Parquet.Net
if (args.Length > 0 && args[0] == "zerocopy") { ArrowMeasurements.ZeroCopy(); return; }
if (args.Length > 0 && args[0] == "parquet") { await ArrowMeasurements.Parquet(); return; }
// dotnet run -c Release --project bench/Masked.Bench -- sparse       -> 10000x10000 at 0.1% valid: CSR vs dense memory and time
if (args.Length > 0 && args[0] == "sparse") { SparseMeasurements.Run(); return; }
// dotnet run -c Release --project bench/Masked.Bench -- trainers [quality] -> masked trainers vs OLS/L-BFGS, Sdca, LightGbm: quality (and training time)
if (args.Length > 0 && args[0] == "trainers") { TrainerMeasurements.Run(args); return; }
// dotnet run -c Release --project bench/Masked.Bench -- mlnet        -> masked ML.NET components vs NormalizeMeanVariance at 1M and 4M rows
//   (-- mlnet 200000 for other row counts)
if (args.Length > 0 && args[0] == "mlnet") { MlNetMeasurements.Run(args.Length > 1 ? args.Skip(1).Select(int.Parse).ToArray() : [1_000_000, 4_000_000]); return; }
if (args.Length > 0 && args[0] == "quick")
{
    // In-process (no per-suite project build), few iterations: every suite in a few minutes.
    var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(4).WithLaunchCount(1)
        .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
    BenchmarkSwitcher.FromAssembly(typeof(SingleThreadBenchmarks).Assembly).Run(["--filter", args.Length > 1 ? args[1] : "*"], config);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(SingleThreadBenchmarks).Assembly).Run(args);
