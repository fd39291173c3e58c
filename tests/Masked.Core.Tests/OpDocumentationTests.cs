using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace Masked.Core.Tests;

/// <summary>
/// Every public op on <see cref="MaskedTensor"/> says which torch function it follows (a pytorch.org link) or that it has
/// none, and documents the exceptions it throws — read from the compiled XML documentation, so a new op without them fails.
/// </summary>
public class OpDocumentationTests
{
    private static readonly XDocument Docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Masked.Core.xml"));

    [Fact]
    public void EveryPublicOpLinksItsTorchFunctionAndListsItsExceptions()
    {
        var members = Docs.Descendants("member").Where(m => ((string?)m.Attribute("name"))?.StartsWith("M:Masked.MaskedTensor.", StringComparison.Ordinal) == true).ToList();
        var names = typeof(MaskedTensor).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(m => m.Name).Distinct().ToList();
        Assert.True(names.Count > 100, $"only {names.Count} public ops found");
        var missingTorch = new List<string>();
        var missingExceptions = new List<string>();
        foreach (var name in names)
        {
            var docs = members.Where(m => { var n = (string)m.Attribute("name")!; return n.StartsWith($"M:Masked.MaskedTensor.{name}(", StringComparison.Ordinal) || n.StartsWith($"M:Masked.MaskedTensor.{name}``", StringComparison.Ordinal) || n == $"M:Masked.MaskedTensor.{name}"; }).ToList();
            if (docs.Count == 0) { missingTorch.Add(name + " (no doc)"); continue; }
            foreach (var d in docs)
            {
                string text = d.ToString();
                if (!text.Contains("pytorch.org", StringComparison.Ordinal) && !text.Contains("torch function", StringComparison.OrdinalIgnoreCase) && !text.Contains("Beyond torch", StringComparison.OrdinalIgnoreCase))
                    missingTorch.Add((string)d.Attribute("name")!);
                // A method with only value parameters (Scalar(value)) may throw nothing; every other one at least rejects null.
                bool onlyValues = !((string)d.Attribute("name")!).Contains('(') || ((string)d.Attribute("name")!).EndsWith("(``0)", StringComparison.Ordinal);
                if (!onlyValues && !d.Elements("exception").Any()) missingExceptions.Add((string)d.Attribute("name")!);
            }
        }
        Assert.True(missingTorch.Count == 0, "No torch link or 'no torch function' note:\n" + string.Join("\n", missingTorch));
        Assert.True(missingExceptions.Count == 0, "No <exception> documented:\n" + string.Join("\n", missingExceptions));
    }
}
