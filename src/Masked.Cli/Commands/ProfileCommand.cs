using System.CommandLine;
using Masked.Cli.Input;
using Masked.Cli.Output;
using Masked.Cli.Plotting;
using Masked.Cli.Profiling;
using Spectre.Console;

namespace Masked.Cli.Commands;

/// <summary><c>masked profile FILE [--columns a,b] [--json] [--plot DIR] [--per-slot] [--bins N] [--batch-size N]</c>.</summary>
public static class ProfileCommand
{
    /// <summary>The command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "Parquet or Arrow IPC (file or stream) file." };
        var columns = ColumnsOption.Create("Comma-separated columns to profile (default: all).");
        var json = new Option<bool>("--json") { Description = "Write the profile as JSON (for scripts)." };
        var plot = new Option<string?>("--plot") { Description = "Write missingness matrix, valid-share and nullity-correlation PNGs into this directory." };
        var perSlot = new Option<bool>("--per-slot") { Description = "Profile each slot of fixed-size list / tensor columns (default: the column as a whole)." };
        var bins = new Option<int>("--bins") { Description = "Histogram bins.", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch-size") { Description = "Rows per Parquet batch.", DefaultValueFactory = _ => 1 << 18 };
        var cmd = new Command("profile", "Per-column statistics over valid entries (type, rows, valid, null share, mean, std, min, max, exact median, histogram), streamed batch by batch.")
        {
            file, columns, json, plot, perSlot, bins, batch,
        };
        cmd.SetAction(r =>
        {
            var tf = TabularFile.Open(r.GetValue(file)!);
            var profiler = new Profiler(tf, new ProfileOptions
            {
                Columns = ColumnsOption.Parse(r.GetValue(columns)),
                PerSlot = r.GetValue(perSlot),
                Bins = r.GetValue(bins),
                BatchSize = r.GetValue(batch),
            });
            var profile = Terminal.WithProgress(error, "profiling", p => profiler.Progress = p, profiler.Run);
            if (r.GetValue(json)) ProfileReport.WriteJson(output, profile);
            else ProfileReport.WriteTable(Terminal.Console(output), profile);
            if (r.GetValue(plot) is { } dir)
            {
                var paths = MissingnessPlots.Write(profile, dir);
                (r.GetValue(json) ? error : output).WriteLine($"pictures: {string.Join(", ", paths)}");
            }
            return 0;
        });
        return cmd;
    }
}
