using System.Text.Json;
using Microsoft.ML.Data;

namespace Samples;

/// <summary>The penguin rows both species samples train on: four measurements (NaN where missing, plus 20% more knocked
/// out at random with a fixed seed) and the species.</summary>
internal sealed class PenguinRows
{
    /// <summary>Beak length, beak depth, flipper length, body mass; NaN = missing.</summary>
    [VectorType(4)] public float[] Features { get; set; } = [];

    /// <summary>The species name.</summary>
    public string Species { get; set; } = "";

    /// <summary>Reads the shipped penguins.json, knocks out 20% of the measurements (seed 1) and prints how many are missing.</summary>
    public static PenguinRows[] Load()
    {
        string[] measures = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"];
        var rng = new Random(1);
        var rows = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "penguins.json"))).RootElement
            .EnumerateArray().Select(r => new PenguinRows
            {
                Species = r.GetProperty("Species").GetString()!,
                Features = measures.Select(m => r.GetProperty(m) is { ValueKind: JsonValueKind.Number } v && rng.NextDouble() >= 0.2 ? (float)v.GetDouble() : float.NaN).ToArray(),
            }).ToArray();
        Console.WriteLine($"{rows.Length} penguins, {rows.Sum(r => r.Features.Count(float.IsNaN))} of {rows.Length * 4} measurements missing");
        return rows;
    }
}
