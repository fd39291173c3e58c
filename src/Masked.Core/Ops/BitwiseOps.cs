using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Masked.Kernels;

namespace Masked;

internal struct BitwiseNotOp<T> : IUnaryOperator<T> where T : IBinaryInteger<T>
{ public static T Invoke(T x) => ~x; public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.OnesComplement(x, d); }
internal struct BitwiseAndOp<T> : IBinaryOperator<T> where T : IBinaryInteger<T>
{ public static T Invoke(T a, T b) => a & b; public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.BitwiseAnd(a, b, d); }
internal struct BitwiseOrOp<T> : IBinaryOperator<T> where T : IBinaryInteger<T>
{ public static T Invoke(T a, T b) => a | b; public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.BitwiseOr(a, b, d); }
internal struct BitwiseXorOp<T> : IBinaryOperator<T> where T : IBinaryInteger<T>
{ public static T Invoke(T a, T b) => a ^ b; public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Xor(a, b, d); }

/// <summary>Logical not on bools, as a byte XOR with 1 (vectorized).</summary>
internal struct LogicalNotOp : IUnaryOperator<bool>
{
    public static bool Invoke(bool x) => !x;
    public static void Invoke(ReadOnlySpan<bool> x, Span<bool> d) => TensorPrimitives.Xor(Bytes(x), (byte)1, Bytes(d));
    internal static ReadOnlySpan<byte> Bytes(ReadOnlySpan<bool> x) => MemoryMarshal.AsBytes(x);
    internal static Span<byte> Bytes(Span<bool> x) => MemoryMarshal.AsBytes(x);
}

/// <summary>Logical and on bools, as a byte AND (vectorized).</summary>
internal struct LogicalAndOp : IBinaryOperator<bool>
{
    public static bool Invoke(bool a, bool b) => a & b;
    public static void Invoke(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> d) => TensorPrimitives.BitwiseAnd(LogicalNotOp.Bytes(a), LogicalNotOp.Bytes(b), LogicalNotOp.Bytes(d));
}

/// <summary>Logical or on bools, as a byte OR (vectorized).</summary>
internal struct LogicalOrOp : IBinaryOperator<bool>
{
    public static bool Invoke(bool a, bool b) => a | b;
    public static void Invoke(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> d) => TensorPrimitives.BitwiseOr(LogicalNotOp.Bytes(a), LogicalNotOp.Bytes(b), LogicalNotOp.Bytes(d));
}

/// <summary>Logical xor on bools, as a byte XOR (vectorized).</summary>
internal struct LogicalXorOp : IBinaryOperator<bool>
{
    public static bool Invoke(bool a, bool b) => a ^ b;
    public static void Invoke(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> d) => TensorPrimitives.Xor(LogicalNotOp.Bytes(a), LogicalNotOp.Bytes(b), LogicalNotOp.Bytes(d));
}

/// <summary>a &lt;&lt; b as torch defines it for any b: 0 when b is negative or at least the bit width (C# would mask b instead).</summary>
internal struct LeftShiftOp<T> : IBinaryOperator<T> where T : IBinaryInteger<T>
{
    private static readonly T Width = T.CreateTruncating(Unsafe.SizeOf<T>() * 8);
    public static T Invoke(T a, T b) => b < T.Zero || b >= Width ? T.Zero : a << int.CreateTruncating(b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>Arithmetic a &gt;&gt; b as torch defines it for any b: the sign fill (0 or -1) when b is negative or at least the bit width.</summary>
internal struct RightShiftOp<T> : IBinaryOperator<T> where T : IBinaryInteger<T>
{
    private static readonly int Width = Unsafe.SizeOf<T>() * 8;
    private static readonly T WidthT = T.CreateTruncating(Width);
    public static T Invoke(T a, T b) => a >> (b < T.Zero || b >= WidthT ? Width - 1 : int.CreateTruncating(b));
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>
/// Bitwise ops: <c>BitwiseNot BitwiseAnd BitwiseOr BitwiseXor</c> on int, long and bool tensors (logical for bool), and
/// <c>BitwiseLeftShift BitwiseRightShift</c> on int and long. Strict masks: a binary result is valid where both sides are
/// valid (for SQL-style three-valued logic on bools see <see cref="KleeneAnd(MaskedTensor{bool}, MaskedTensor{bool})"/> and <see cref="KleeneOr(MaskedTensor{bool}, MaskedTensor{bool})"/>). Shapes
/// broadcast; a scalar overload and a destination overload beside each. Not differentiable (integer and bool results).
/// </summary>
public static partial class MaskedTensor
{
    private static MaskedTensor<T> Strict<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged where TOp : IBinaryOperator<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return ElementwiseKernel.Binary<T, TOp>(a, b);
    }

    private static void StrictInto<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged where TOp : IBinaryOperator<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(destination);
        ElementwiseKernel.BinaryInto<T, TOp>(a, b, destination);
    }

    /// <summary>Bitwise complement ~x, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_not.html">torch.bitwise_not</see>; keeps x's mask.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> BitwiseNot<T>(this MaskedTensor<T> x) where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return ElementwiseKernel.Unary<T, BitwiseNotOp<T>>(x);
    }

    /// <summary>Logical not of a bool tensor, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_not.html">torch.bitwise_not</see>; keeps x's mask (not of a missing value is missing, as in SQL).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<bool> BitwiseNot(this MaskedTensor<bool> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return ElementwiseKernel.Unary<bool, LogicalNotOp>(x);
    }

    /// <summary>Elementwise a &amp; b, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_and.html">torch.bitwise_and</see>; valid where both are valid; shapes broadcast.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> BitwiseAnd<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseAndOp<T>>(a, b);
    /// <summary>Elementwise a | b, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_or.html">torch.bitwise_or</see>; valid where both are valid.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> BitwiseOr<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseOrOp<T>>(a, b);
    /// <summary>Elementwise a ^ b, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_xor.html">torch.bitwise_xor</see>; valid where both are valid.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> BitwiseXor<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseXorOp<T>>(a, b);

    /// <summary>
    /// Elementwise logical and, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_and.html">torch.bitwise_and</see> on bools; strict: valid where
    /// both are valid (<c>false AND missing</c> is missing here; <see cref="KleeneAnd(MaskedTensor{bool}, MaskedTensor{bool})"/> makes it false).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<bool> BitwiseAnd(this MaskedTensor<bool> a, MaskedTensor<bool> b) => Strict<bool, LogicalAndOp>(a, b);
    /// <summary>Elementwise logical or on bools; strict: valid where both are valid (<see cref="KleeneOr(MaskedTensor{bool}, MaskedTensor{bool})"/> is the three-valued one).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<bool> BitwiseOr(this MaskedTensor<bool> a, MaskedTensor<bool> b) => Strict<bool, LogicalOrOp>(a, b);
    /// <summary>Elementwise logical xor on bools; valid where both are valid.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<bool> BitwiseXor(this MaskedTensor<bool> a, MaskedTensor<bool> b) => Strict<bool, LogicalXorOp>(a, b);

    /// <summary>
    /// Elementwise a &lt;&lt; b, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_left_shift.html">torch.bitwise_left_shift</see>: bits shifted
    /// out are lost (wrapping), and a shift that is negative or at least the bit width gives 0. Valid where both are valid.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> BitwiseLeftShift<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IBinaryInteger<T> => Strict<T, LeftShiftOp<T>>(a, b);

    /// <summary>
    /// Elementwise arithmetic a &gt;&gt; b, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_right_shift.html">torch.bitwise_right_shift</see>:
    /// the sign is kept, and a shift that is negative or at least the bit width gives the sign fill (0 or -1). Valid where both are valid.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> BitwiseRightShift<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IBinaryInteger<T> => Strict<T, RightShiftOp<T>>(a, b);

    /// <summary>Elementwise a &amp; scalar.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> BitwiseAnd<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseAndOp<T>>(a, Scalar(scalar));
    /// <summary>Elementwise a | scalar.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> BitwiseOr<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseOrOp<T>>(a, Scalar(scalar));
    /// <summary>Elementwise a ^ scalar.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> BitwiseXor<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseXorOp<T>>(a, Scalar(scalar));
    /// <summary>Elementwise a &lt;&lt; scalar (see <see cref="BitwiseLeftShift{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> BitwiseLeftShift<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IBinaryInteger<T> => Strict<T, LeftShiftOp<T>>(a, Scalar(scalar));
    /// <summary>Elementwise a &gt;&gt; scalar (see <see cref="BitwiseRightShift{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> BitwiseRightShift<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IBinaryInteger<T> => Strict<T, RightShiftOp<T>>(a, Scalar(scalar));
    /// <summary>Elementwise logical a and scalar (strict).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<bool> BitwiseAnd(this MaskedTensor<bool> a, bool scalar) => Strict<bool, LogicalAndOp>(a, Scalar(scalar));
    /// <summary>Elementwise logical a or scalar (strict).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<bool> BitwiseOr(this MaskedTensor<bool> a, bool scalar) => Strict<bool, LogicalOrOp>(a, Scalar(scalar));
    /// <summary>Elementwise logical a xor scalar.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<bool> BitwiseXor(this MaskedTensor<bool> a, bool scalar) => Strict<bool, LogicalXorOp>(a, Scalar(scalar));

    /// <summary>destination = ~x (data and validity; nothing allocated).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked.</exception>
    public static void BitwiseNot<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, BitwiseNotOp<T>>(x, destination); }
    /// <summary>destination = not x (bools).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="BitwiseNot{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void BitwiseNot(MaskedTensor<bool> x, MaskedTensor<bool> destination) { NotNull(x, destination); ElementwiseKernel.UnaryInto<bool, LogicalNotOp>(x, destination); }
    /// <summary>destination = a &amp; b.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="BitwiseNot{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void BitwiseAnd<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> => StrictInto<T, BitwiseAndOp<T>>(a, b, destination);
    /// <summary>destination = a | b.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="BitwiseNot{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void BitwiseOr<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> => StrictInto<T, BitwiseOrOp<T>>(a, b, destination);
    /// <summary>destination = a ^ b.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="BitwiseNot{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void BitwiseXor<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> => StrictInto<T, BitwiseXorOp<T>>(a, b, destination);
    /// <summary>destination = a and b (bools, strict).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="BitwiseNot{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void BitwiseAnd(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool> destination) => StrictInto<bool, LogicalAndOp>(a, b, destination);
    /// <summary>destination = a or b (bools, strict).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="BitwiseNot{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void BitwiseOr(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool> destination) => StrictInto<bool, LogicalOrOp>(a, b, destination);
    /// <summary>destination = a xor b (bools).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="BitwiseNot{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void BitwiseXor(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool> destination) => StrictInto<bool, LogicalXorOp>(a, b, destination);
    /// <summary>destination = a &lt;&lt; b.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="BitwiseNot{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void BitwiseLeftShift<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> => StrictInto<T, LeftShiftOp<T>>(a, b, destination);
    /// <summary>destination = a &gt;&gt; b.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="BitwiseNot{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void BitwiseRightShift<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> => StrictInto<T, RightShiftOp<T>>(a, b, destination);
}
