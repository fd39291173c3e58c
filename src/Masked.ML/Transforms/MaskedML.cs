using Microsoft.ML;

namespace Masked.ML;

/// <summary>Registers this library's savable mappings with an ML.NET context.</summary>
public static class MaskedML
{
    /// <summary>Optional: ML.NET 5 finds Masked.ML's custom mappings by assembly name when the assembly sits beside the
    /// app; this call registers them explicitly on <paramref name="mlContext"/> (useful when the assembly is loaded from elsewhere).</summary>
    public static MLContext RegisterComponents(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(MaskedML).Assembly);
        return mlContext;
    }
}
