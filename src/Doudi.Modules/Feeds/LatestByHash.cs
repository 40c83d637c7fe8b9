namespace Doudi.Feeds;

/// <summary>
/// For each 64-bit key hash, where its latest row is: an open-addressing table (linear probing, one array of
/// hash and place side by side), so a lookup touches one cache line where <see cref="Dictionary{TKey,TValue}"/>
/// touches a bucket array and an entry array. The reader records every accepted row of a file in file order on one
/// thread, millions of rows, so this is on the import's critical path (docs/benchmarks.md).
/// </summary>
internal sealed class LatestByHash
{
    private Slot[] _slots = [];
    private int _mask;
    private int _shift;

    public LatestByHash(int expected = 0) => Resize(SizeFor(expected));

    public int Count { get; private set; }

    /// <summary>Makes room for <paramref name="expected"/> hashes in all, without growing on the way.</summary>
    public void EnsureCapacity(int expected)
    {
        if (SizeFor(expected) > _slots.Length) Resize(SizeFor(expected));
    }

    /// <summary>
    /// Records <paramref name="place"/> (non-negative) as the latest row of <paramref name="hash"/>; true, with the
    /// place it replaces, when the hash was recorded before.
    /// </summary>
    public bool Set(long hash, long place, out long previous)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(place);
        var i = Home(hash);
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Place == 0)
            {
                slot = new Slot(hash, place + 1);
                if (++Count > _slots.Length / 4 * 3) Resize(_slots.Length * 2);
                previous = -1;
                return false;
            }
            if (slot.Hash == hash)
            {
                previous = slot.Place - 1;
                slot.Place = place + 1;
                return true;
            }
            i = (i + 1) & _mask;
        }
    }

    // Place + 1, so a zeroed slot is an empty one.
    private record struct Slot(long Hash, long Place);

    // At most three quarters full; a power of two, so a home is a shift rather than a division.
    private static int SizeFor(int expected)
    {
        var wanted = Math.Max(16L, (long)expected * 4 / 3 + 1);
        return (int)Math.Min(1L << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)wanted));
    }

    // Fibonacci hashing: the top bits of the product, so hashes that differ only in their high bits still spread.
    private int Home(long hash) => (int)(((ulong)hash * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Resize(int size)
    {
        var old = _slots;
        _slots = new Slot[size];
        _mask = size - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        foreach (var slot in old)
        {
            if (slot.Place == 0) continue;
            var i = Home(slot.Hash);
            while (_slots[i].Place != 0) i = (i + 1) & _mask;
            _slots[i] = slot;
        }
    }
}
