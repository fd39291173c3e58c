using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Masked.ML.Tests;

/// <summary>
/// The samples the README's run command names, run as a user runs them (a fresh process): they finish, their models
/// learn, and every model scores the same after Save → Load as before.
/// </summary>
public class SampleTests
{
    private static readonly Lazy<string> Output = new(RunSamples);

    private static string RunSamples()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Masked.Samples.dll");
        Assert.True(File.Exists(app), $"{app} missing");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(app);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(300_000), "samples timed out");
        Assert.True(p.ExitCode == 0, $"samples failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void TutorialSectionsPrintTheMaskedAnswers()
    {
        var o = Output.Value;
        Assert.Contains("mean of nothing = MaskedTensor(--, False)", o);
        Assert.Matches(@"x / 0 under a masked loss[^\n]*\n\s*x\.Grad = MaskedTensor\(\s*\[\s*--,\s*1\.0000\]", o);
        Assert.Contains("sum = 3, b.Grad = MaskedTensor(3.0000, True)", o);
        Assert.Matches(@"SparseCsrTensor\(shape=\[1000, 1000\], stored=\d+\)", o);
    }

    [Fact]
    public void EveryModelLearnsAndScoresTheSameAfterSaveAndLoad()
    {
        var o = Output.Value;
        var macro = Regex.Match(o, @"macro accuracy (\d+\.\d+)");
        Assert.True(macro.Success, "the real-data sample printed no macro accuracy");
        Assert.True(Number(macro.Groups[1].Value) > 0.9, $"macro accuracy {macro.Groups[1].Value}");

        var pairs = Regex.Matches(o, @"test accuracy (\d+\.\d+), log-loss (\d+\.\d+)[\s\S]*?after Save -> Load: test accuracy (\d+\.\d+), log-loss (\d+\.\d+)");
        Assert.True(pairs.Count >= 2, $"expected the softmax-regression and custom-network samples, found {pairs.Count} before/after pairs");
        foreach (Match m in pairs)
        {
            Assert.True(Number(m.Groups[1].Value) > 0.8, $"test accuracy {m.Groups[1].Value}");
            Assert.Equal(m.Groups[1].Value, m.Groups[3].Value);
            Assert.Equal(m.Groups[2].Value, m.Groups[4].Value);
        }
    }
}
