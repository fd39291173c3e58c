using System.Text.RegularExpressions;
using Xunit;

namespace Masked.Core.Tests.Kernels;

/// <summary>Kernels are a layer below views and autograd: no file in Kernels/ calls the recording view API or Autograd.</summary>
public class LayerRuleTests
{
    private static string KernelsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Masked.ML.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, "src", "Masked.Core", "Kernels");
    }

    [Fact]
    public void KernelsCallNothingAbove()
    {
        var files = Directory.GetFiles(KernelsFolder(), "*.cs");
        Assert.True(files.Length >= 10, $"only {files.Length} kernel files found");
        // Public recording views (instance calls like x.Contiguous(), x.BroadcastTo(...)) and the tape.
        var forbidden = new Regex(@"\bAutograd\b|\.Contiguous\(\)|\.BroadcastTo\(|\bGradNode\b|\bGradMath\b|\.Backward\(", RegexOptions.Compiled);
        var hits = new List<string>();
        foreach (var f in files)
        {
            var lines = File.ReadAllLines(f);
            for (int i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Split("//")[0];
                if (forbidden.IsMatch(code)) hits.Add($"{Path.GetFileName(f)}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(hits.Count == 0, "Kernels reference layers above them:\n" + string.Join("\n", hits));
    }
}
