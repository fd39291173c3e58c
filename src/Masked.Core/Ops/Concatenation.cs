namespace Masked;

public static partial class MaskedTensor
{
    /// <summary>
    /// Joins tensors along an existing dimension (a copy of data and masks). Shapes must agree except along
    /// <paramref name="dim"/>. Differentiable: each input gets its slice of the gradient. Follows
    /// <see href="https://pytorch.org/docs/stable/generated/torch.cat.html"><c>torch.cat</c></see>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> is null.</exception>
    /// <exception cref="ArgumentException">No tensors, different ranks, or shapes that disagree off <paramref name="dim"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensors' rank.</exception>
    public static MaskedTensor<T> Concat<T>(IReadOnlyList<MaskedTensor<T>> tensors, int dim = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) ThrowHelper.ThrowArgument("Concat needs at least one tensor.", nameof(tensors));
        var first = tensors[0];
        if (first.Rank == 0) ThrowHelper.ThrowArgument("Concat needs tensors of rank at least 1; use Stack for scalars.", nameof(tensors));
        int d = ShapeMath.NormalizeDim(dim, first.Rank);
        var shape = (int[])first._shape.Clone();
        shape[d] = 0;
        foreach (var t in tensors)
        {
            if (t.Rank != first.Rank) ThrowHelper.ThrowArgument($"Concat: ranks differ ({ShapeMath.Format(first._shape)} vs {ShapeMath.Format(t._shape)}).", nameof(tensors));
            for (int k = 0; k < t.Rank; k++)
                if (k != d && t._shape[k] != first._shape[k])
                    ThrowHelper.ThrowArgument($"Concat along dim {d}: shapes {ShapeMath.Format(first._shape)} and {ShapeMath.Format(t._shape)} differ in dim {k}.", nameof(tensors));
            shape[d] += t._shape[d];
        }
        int n = ShapeMath.Numel(shape);
        var result = MaskedTensor<T>.Contiguous(new T[n], ValidityBitmap.Allocate(n, false), shape);
        int at = 0;
        var starts = new int[tensors.Count];
        using (Autograd.NoGrad())
        {
            for (int i = 0; i < tensors.Count; i++)
            {
                starts[i] = at;
                int len = tensors[i]._shape[d];
                if (len > 0) result.Slice(d, at, at + len).AssignFrom(tensors[i]);
                at += len;
            }
        }
        bool anyMasked = tensors.Any(t => t.HasMask);
        var r = anyMasked ? result : MaskedTensor<T>.Contiguous(result._buffer, null, shape);
        var recorded = Autograd.Record(r, g => tensors.Select((t, i) => (MaskedTensor<T>?)g.Slice(d, starts[i], starts[i] + t._shape[d]).Contiguous()).ToArray(), tensors.ToArray());
        if (recorded.GradFn is { } node) node.Detail = $"dim {d}"; // a shape error in backward names the op and its dim
        return recorded;
    }

    /// <summary>Stacks tensors of one shape along a new dimension <paramref name="dim"/> (a copy). Differentiable. Follows
    /// <see href="https://pytorch.org/docs/stable/generated/torch.stack.html"><c>torch.stack</c></see>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> is null.</exception>
    /// <exception cref="ArgumentException">No tensors, or tensors of different shapes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside 0..rank (or its negative form).</exception>
    public static MaskedTensor<T> Stack<T>(IReadOnlyList<MaskedTensor<T>> tensors, int dim = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) ThrowHelper.ThrowArgument("Stack needs at least one tensor.", nameof(tensors));
        int d = ShapeMath.NormalizeDim(dim, tensors[0].Rank + 1);
        foreach (var t in tensors)
            if (!ShapeMath.SameShape(t._shape, tensors[0]._shape))
                ThrowHelper.ThrowArgument($"Stack needs one shape; got {ShapeMath.Format(tensors[0]._shape)} and {ShapeMath.Format(t._shape)}.", nameof(tensors));
        return Concat(tensors.Select(t => t.Unsqueeze(d)).ToList(), d);
    }
}
