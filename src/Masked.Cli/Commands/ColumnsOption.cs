using System.CommandLine;

namespace Masked.Cli.Commands;

/// <summary>The shared <c>--columns a,b</c> option.</summary>
public static class ColumnsOption
{
    /// <summary>A new option instance.</summary>
    public static Option<string?> Create(string description) => new("--columns", "-c") { Description = description };

    /// <summary>The comma-separated names, or null when the option is absent.</summary>
    public static IReadOnlyList<string>? Parse(string? value)
    {
        if (value is null) return null;
        var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw new CliException("--columns needs at least one column name.");
        return names;
    }
}
