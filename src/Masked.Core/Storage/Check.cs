namespace Masked;

/// <summary>Argument and state checks with messages that name what is wrong.</summary>
internal static class Check
{
    public static void That(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException(message);
    }

    public static void Arg(bool condition, string message, string? param = null)
    {
        if (!condition) throw new ArgumentException(message, param);
    }
}
