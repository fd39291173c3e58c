using System.CommandLine;
using Masked.Cli.Input;
using Masked.Cli.Normalizing;

namespace Masked.Cli.Commands;

/// <summary><c>masked normalize IN OUT --method mean-variance|min-max|robust [--columns a,b] [--save-model model.zip]</c>.</summary>
public static class NormalizeCommand
{
    /// <summary>The command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("in") { Description = "Parquet or Arrow IPC input file." };
        var outPath = new Argument<string>("out") { Description = "Parquet file to write (nulls stay null)." };
        var method = new Option<string>("--method", "-m") { Description = "mean-variance | min-max | robust", Required = true };
        method.AcceptOnlyFromAmong("mean-variance", "min-max", "robust");
        var columns = ColumnsOption.Create("Comma-separated columns to normalize (default: every numeric column); others pass through.");
        var model = new Option<string?>("--save-model") { Description = "Also write an ML.NET model (zip) applying the same transform with Masked.ML's normalizers." };
        var batch = new Option<int>("--batch-size") { Description = "Rows per Parquet batch.", DefaultValueFactory = _ => 1 << 18 };
        var cmd = new Command("normalize", "Normalize numeric columns over their valid entries (statistics in a first pass, transform in a second), writing Parquet batch by batch.")
        {
            input, outPath, method, columns, model, batch,
        };
        cmd.SetAction(r =>
        {
            var m = r.GetValue(method) switch
            {
                "mean-variance" => NormalizeMethod.MeanVariance,
                "min-max" => NormalizeMethod.MinMax,
                _ => NormalizeMethod.Robust,
            };
            var tf = TabularFile.Open(r.GetValue(input)!);
            string outFile = r.GetValue(outPath)!;
            if (Path.GetFullPath(outFile) == Path.GetFullPath(tf.Path)) throw new CliException("the output file must differ from the input file.");
            var normalizer = new Normalizer(tf, m, ColumnsOption.Parse(r.GetValue(columns)), r.GetValue(batch));
            Terminal.WithProgress(error, "normalizing", p => normalizer.Progress = p, () => { normalizer.Run(outFile); return 0; });
            output.WriteLine($"normalized {string.Join(", ", normalizer.Columns)} ({r.GetValue(method)}, {normalizer.Passes} passes) -> {outFile}");
            if (r.GetValue(model) is { } modelPath)
            {
                var left = normalizer.SaveModel(modelPath);
                output.WriteLine($"ML.NET model -> {modelPath}");
                if (left.Count > 0)
                    output.WriteLine($"left out of the model (no valid value to fit): {string.Join(", ", left)}");
            }
            return 0;
        });
        return cmd;
    }
}
