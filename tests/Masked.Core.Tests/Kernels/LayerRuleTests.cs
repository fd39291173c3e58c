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

    [Fact]
    public void KernelsNameNoTypeDeclaredInOps()
    {
        string ops = Path.Combine(Path.GetDirectoryName(KernelsFolder())!, "Ops");
        var declaration = new Regex(@"^\s*(?:(?:public|internal|private|protected|readonly|static|sealed|abstract|partial|file|ref|unsafe)\s+)*(?:struct|class|interface|record)\s+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Compiled);
        var opTypes = Directory.GetFiles(ops, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadAllLines(f).Select(l => l.Split("//")[0]))
            .SelectMany(l => declaration.Matches(l).Select(m => m.Groups[1].Value))
            .Where(n => n != "MaskedTensor") // the partial class spans every layer's public surface
            .ToHashSet();
        Assert.True(opTypes.Count >= 20, $"only {opTypes.Count} types found in Ops/");
        var hits = new List<string>();
        foreach (var f in Directory.GetFiles(KernelsFolder(), "*.cs"))
        {
            var lines = File.ReadAllLines(f);
            for (int i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Split("//")[0];
                foreach (Match m in Regex.Matches(code, @"\b[A-Za-z_][A-Za-z0-9_]*\b"))
                    if (opTypes.Contains(m.Value)) hits.Add($"{Path.GetFileName(f)}:{i + 1}: {m.Value}");
            }
        }
        Assert.True(hits.Count == 0, "Kernels name types of the Ops layer above them:\n" + string.Join("\n", hits));
    }
}
