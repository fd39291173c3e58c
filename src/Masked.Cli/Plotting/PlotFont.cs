using ScottPlot;

namespace Masked.Cli.Plotting;

/// <summary>
/// The pictures' font: DejaVu Sans Mono, embedded in the tool, so labels render the same on every machine — including
/// one with no font installed (SkiaSharp's dependency-free native build then finds none).
/// </summary>
public static class PlotFont
{
    /// <summary>The font family name registered with ScottPlot.</summary>
    public const string Name = "DejaVu Sans Mono (masked)";

    private static readonly Lazy<string> s_registered = new(Register);

    /// <summary>Registers the embedded font (once) and makes it ScottPlot's default.</summary>
    public static void Ensure() => Fonts.Default = s_registered.Value;

    private static string Register()
    {
        using var resource = typeof(PlotFont).Assembly.GetManifestResourceStream("Masked.Cli.Plotting.Fonts.DejaVuSansMono.ttf")
            ?? throw new InvalidOperationException("the embedded font is missing from the assembly");
        string dir = Path.Combine(Path.GetTempPath(), "masked-cli-fonts");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"DejaVuSansMono-{resource.Length}.ttf");
        if (!File.Exists(path) || new FileInfo(path).Length != resource.Length)
        {
            string tmp = path + "." + Guid.NewGuid().ToString("N");
            using (var file = File.Create(tmp)) resource.CopyTo(file);
            File.Move(tmp, path, overwrite: true);
        }
        // One face for every style request (titles and axis labels ask for bold).
        foreach (bool bold in new[] { false, true })
            foreach (bool italic in new[] { false, true })
                Fonts.AddFontFile(Name, path, bold, italic);
        return Name;
    }
}
