namespace Masked;

/// <summary>Walks a strided layout in row-major order, tracking the buffer offset of the current element.</summary>
internal struct StridedCursor
{
    private readonly int[] _shape;
    private readonly int[] _strides;
    private readonly int[] _index;
    public int Offset;

    public StridedCursor(int[] shape, int[] strides, int offset)
    {
        _shape = shape;
        _strides = strides;
        _index = new int[shape.Length];
        Offset = offset;
    }

    public void Next()
    {
        for (int d = _shape.Length - 1; d >= 0; d--)
        {
            if (++_index[d] < _shape[d]) { Offset += _strides[d]; return; }
            Offset -= (_shape[d] - 1) * _strides[d];
            _index[d] = 0;
        }
    }
}
