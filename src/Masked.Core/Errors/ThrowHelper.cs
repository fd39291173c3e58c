using System.Diagnostics.CodeAnalysis;

namespace Masked;

/// <summary>
/// Every argument and state check of Masked.Core throws from here, so that the exception types stay consistent: a bad
/// argument is an <see cref="ArgumentException"/> naming its parameter (<see cref="ArgumentException.ParamName"/>), an
/// index or dimension out of range an <see cref="ArgumentOutOfRangeException"/> (never the runtime's reserved
/// <see cref="IndexOutOfRangeException"/>), a call the object's state does not allow an <see cref="InvalidOperationException"/>.
/// </summary>
internal static class ThrowHelper
{
    /// <summary>Throws <see cref="InvalidOperationException"/> with <paramref name="message"/> unless <paramref name="condition"/>.</summary>
    public static void That([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition) ThrowInvalidOperation(message);
    }

    /// <summary>Throws <see cref="ArgumentException"/> for <paramref name="paramName"/> unless <paramref name="condition"/>.</summary>
    public static void Arg([DoesNotReturnIf(false)] bool condition, string message, string paramName)
    {
        if (!condition) ThrowArgument(message, paramName);
    }

    /// <summary>A bad argument: <see cref="ArgumentException"/> naming it.</summary>
    [DoesNotReturn]
    public static void ThrowArgument(string message, string paramName) => throw new ArgumentException(message, paramName);

    /// <summary>An argument outside its range: <see cref="ArgumentOutOfRangeException"/> naming it and its value.</summary>
    [DoesNotReturn]
    public static void ThrowOutOfRange(string paramName, object? actualValue, string message) => throw new ArgumentOutOfRangeException(paramName, actualValue, message);

    /// <summary>An index outside dimension <paramref name="dim"/> of size <paramref name="size"/>: <see cref="ArgumentOutOfRangeException"/>.</summary>
    [DoesNotReturn]
    public static void ThrowIndexOutOfRange(string paramName, object index, int dim, int size)
        => throw new ArgumentOutOfRangeException(paramName, index, $"Index {index} is out of range for dimension {dim} of size {size}.");

    /// <summary>A call the object's state does not allow.</summary>
    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);

    /// <summary>An operation the element type does not support.</summary>
    [DoesNotReturn]
    public static void ThrowNotSupported(string message) => throw new NotSupportedException(message);

    /// <summary><see cref="ThrowNotSupported(string)"/> where an expression of type <typeparamref name="TResult"/> is expected.</summary>
    [DoesNotReturn]
    public static TResult ThrowNotSupported<TResult>(string message) => throw new NotSupportedException(message);

    /// <summary>An integer division by zero at a valid entry.</summary>
    [DoesNotReturn]
    public static void ThrowDivideByZero(string message) => throw new DivideByZeroException(message);
}
