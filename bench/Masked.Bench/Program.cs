using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Masked.Bench;

// dotnet run -c Release --project bench/Masked.Bench                 -> every suite (BenchmarkDotNet defaults)
// dotnet run -c Release --project bench/Masked.Bench -- quick        -> every suite, short runs (a few minutes)
// dotnet run -c Release --project bench/Masked.Bench -- --filter '*Core*'   (any BenchmarkDotNet arguments)
// dotnet run -c Release --project bench/Masked.Bench -- zerocopy     -> allocation of Arrow -> tensor for 1M/10M/100M float32
// dotnet run -c Release --project bench/Masked.Bench -- parquet      -> Parquet read throughput, ours vs Parquet.Net
// dotnet run -c Release --project bench/Masked.Bench -- fuzz 3000    -> mutated IPC/Parquet inputs through every reader (counts)
// dotnet run -c Release --project bench/Masked.Bench -- sparse       -> 10000x10000 at 0.1% valid: CSR vs dense memory and time
// dotnet run -c Release --project bench/Masked.Bench -- profile [DIR [ROWS...]] -> masked profile memory/throughput, 5M vs 50M rows (files in DIR, default /tmp)
// A profile child's stdout is parsed by its parent: nothing printed before it.
if (args.Length > 2 && args[0] == "profile-child") { Environment.ExitCode = ProfileMeasurements.RunChild(args[1], args[2]); return; }
// The mlnet child (loaded_transform_ratio in a fresh process): its stdout is parsed too.
if (args.Length > 5 && args[0] == "mlnet-child") { Environment.ExitCode = MlNetMeasurements.RunChild(args[1], args[2], int.Parse(args[3]), args[4] == "1", int.Parse(args[5])); return; }
// Which vector width the kernels run at (DOTNET_EnableAVX512=0 / DOTNET_EnableAVX2=0 narrow it on the same machine).
Console.WriteLine($"vector width: Vector512.IsHardwareAccelerated={System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated} " +
    $"Vector256.IsHardwareAccelerated={System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated} " +
    $"Vector128.IsHardwareAccelerated={System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated} " +
    $"(DOTNET_EnableAVX512F={Environment.GetEnvironmentVariable("DOTNET_EnableAVX512F") ?? "unset"}, DOTNET_EnableAVX512={Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") ?? "unset"}, DOTNET_EnableAVX2={Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") ?? "unset"})");
if (args.Length > 0 && args[0] == "zerocopy") { ArrowMeasurements.ZeroCopy(); return; }
if (args.Length > 0 && args[0] == "parquet") { await ArrowMeasurements.Parquet(); return; }
if (args.Length > 0 && args[0] == "fuzz") { Environment.Exit(Masked.Fuzz.FuzzRunner.Main(args[1..])); }
if (args.Length > 0 && args[0] == "sparse") { SparseMeasurements.Run(); return; }
if (args.Length > 0 && args[0] == "profile") { ProfileMeasurements.Run(args); return; }
// dotnet run -c Release --project bench/Masked.Bench -- trainers [quality|study|study gam] -> masked linear and GAM trainers vs OLS/L-BFGS, Sdca, LightGbm: quality (and training time, scoring after Save -> Load); study: cars over 8 seeds; study gam: GAM options on cars and penguin body mass over 8 seeds
if (args.Length > 0 && args[0] == "trainers") { TrainerMeasurements.Run(args); return; }
// dotnet run -c Release --project bench/Masked.Bench -- mlnet        -> masked ML.NET components vs NormalizeMeanVariance at 1M and 4M rows
//   (loaded_transform_ratio measured in a child process that loads both saved models)
//   (-- mlnet 200000 for other row counts)
// dotnet run -c Release --project bench/Masked.Bench -- mlnet-profile -> where the time of the mask-column routes goes after Save -> Load (1M rows; -- mlnet-profile 200000)
if (args.Length > 0 && args[0] == "mlnet-profile") { MlNetMeasurements.Profile(args.Length > 1 ? int.Parse(args[1]) : 1_000_000); return; }
if (args.Length > 0 && args[0] == "mlnet") { MlNetMeasurements.Run(args.Length > 1 ? args.Skip(1).Select(int.Parse).ToArray() : [1_000_000, 4_000_000]); return; }
// dotnet run -c Release --project bench/Masked.Bench -- onnx         -> MaskedOnnxSession vs ML.NET ApplyOnnxModel, 1M x 32 (-- onnx 200000 for other sizes)
if (args.Length > 0 && args[0] == "onnx") { OnnxMeasurements.Run(args.Length > 1 ? int.Parse(args[1]) : 1_000_000); return; }
// dotnet run -c Release --project bench/Masked.Bench -- onnx-pipeline -> an exported masked pipeline in ONNX Runtime (MaskedOnnxSession) vs the fitted ML.NET pipeline, 1M x 32
if (args.Length > 0 && args[0] == "onnx-pipeline") { OnnxPipelineMeasurements.Run(args.Length > 1 ? int.Parse(args[1]) : 1_000_000); return; }
if (args.Length > 0 && args[0] == "quick")
{
    // In-process (no per-suite project build), few iterations: every suite in a few minutes.
    var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(4).WithLaunchCount(1)
        .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
    BenchmarkSwitcher.FromAssembly(typeof(SingleThreadBenchmarks).Assembly).Run(["--filter", args.Length > 1 ? args[1] : "*"], config);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(SingleThreadBenchmarks).Assembly).Run(args);
