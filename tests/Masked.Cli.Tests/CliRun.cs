using System.Text.Json;
using Masked.Cli;

namespace Masked.Cli.Tests;

/// <summary>Runs the tool in-process and captures its output.</summary>
internal sealed record CliRun(int Exit, string Out, string Err)
{
    public static CliRun Of(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = MaskedCli.Run(args, o, e);
        return new CliRun(code, o.ToString(), e.ToString());
    }

    public JsonElement Json() => JsonDocument.Parse(Out).RootElement;

    public JsonElement Column(string name) => Json().GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"masked-cli-{Guid.NewGuid():N}"));

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
