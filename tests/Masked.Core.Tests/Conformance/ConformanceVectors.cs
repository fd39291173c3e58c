using System.Text.Json;

namespace Masked.Core.Tests.Conformance;

/// <summary>Loads the PyTorch-generated conformance suites (format: Vectors/README.md).</summary>
public static class ConformanceVectors
{
    /// <summary>The folder: <c>MASKED_CONFORMANCE_DIR</c> when set, else the copy shipped with the tests.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("MASKED_CONFORMANCE_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "Conformance", "Vectors");

    private static readonly Lazy<Dictionary<string, JsonElement>> s_cases = new(Load);

    public static IReadOnlyDictionary<string, JsonElement> Cases => s_cases.Value;

    private static Dictionary<string, JsonElement> Load()
    {
        var folder = Folder;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Conformance folder not found: {folder}");
        var r = new Dictionary<string, JsonElement>();
        foreach (var file in Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(QuoteNonFiniteLiterals(File.ReadAllText(file)));
            var root = doc.RootElement.Clone();
            string suite = root.GetProperty("suite").GetString()!;
            foreach (var c in root.GetProperty("cases").EnumerateArray())
                r[$"{suite}/{c.GetProperty("name").GetString()}"] = c;
        }
        return r;
    }

    /// <summary>
    /// Python's json module writes bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> (not JSON); outside strings they
    /// become the format's own strings "nan", "inf" and "-inf" before parsing. The files themselves stay untouched.
    /// </summary>
    public static string QuoteNonFiniteLiterals(string json)
    {
        var sb = new System.Text.StringBuilder(json.Length);
        bool inString = false;
        for (int i = 0; i < json.Length; i++)
        {
            char ch = json[i];
            if (inString)
            {
                sb.Append(ch);
                if (ch == '\\' && i + 1 < json.Length) sb.Append(json[++i]);
                else if (ch == '"') inString = false;
                continue;
            }
            if (ch == '"') { inString = true; sb.Append(ch); continue; }
            if (string.CompareOrdinal(json, i, "NaN", 0, 3) == 0) { sb.Append("\"nan\""); i += 2; continue; }
            if (string.CompareOrdinal(json, i, "-Infinity", 0, 9) == 0) { sb.Append("\"-inf\""); i += 8; continue; }
            if (string.CompareOrdinal(json, i, "Infinity", 0, 8) == 0) { sb.Append("\"inf\""); i += 7; continue; }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    public static bool HasGradients(JsonElement c) =>
        c.GetProperty("expect").EnumerateObject().Any(p => p.Name.StartsWith("grad:", StringComparison.Ordinal));
}
