using System.Runtime.InteropServices;

namespace Doudi.Feeds;

/// <summary>
/// For each 64-bit key hash, where its latest row is: an open-addressing table (linear probing, hash and place side
/// by side in one slot), so a lookup touches one cache line where <see cref="Dictionary{TKey,TValue}"/> touches a
/// bucket array and an entry array. The reader records every accepted row of a file in file order on one thread,
/// millions of rows in a table of hundreds of megabytes, so this is on the import's critical path and bound by memory
/// latency: <see cref="SetAll"/> first touches the slots of a run of rows (independent loads the processor overlaps)
/// and then records them, and on Linux the table asks for huge pages (fewer page faults and TLB misses;
/// docs/benchmarks.md).
/// </summary>
internal sealed class LatestByHash
{
    private Slot[] _slots = [];
    private int _mask;
    private int _shift;

    // Where the touched slots' sum goes, so the compiler keeps the loads that bring them into the cache.
    private long _touched;

    public LatestByHash() => Resize(SizeFor(0));

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

    /// <summary>
    /// <see cref="Set"/> for the rows of a block in order (<paramref name="places"/>[r] for <paramref name="hashes"/>[r]),
    /// calling <paramref name="repeated"/> with the row and the place it replaces for each hash recorded before.
    /// </summary>
    public void SetAll(ReadOnlySpan<long> hashes, ReadOnlySpan<long> places, Action<int, long> repeated)
    {
        const int Ahead = 16;
        for (var start = 0; start < hashes.Length; start += Ahead)
        {
            var end = Math.Min(start + Ahead, hashes.Length);
            // Touch the home slots of the run first: loads that do not depend on each other, so the processor has them
            // all in flight at once instead of waiting for each in turn.
            long touched = 0;
            for (var r = start; r < end; r++) touched += _slots[Home(hashes[r])].Place;
            _touched = touched;
            for (var r = start; r < end; r++)
            {
                if (Set(hashes[r], places[r], out var previous)) repeated(r, previous);
            }
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
        _slots = Allocate(size);
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

    private const int HugePage = 2 << 20;

    // A large table is pinned and advised to use transparent huge pages before its pages are first touched.
    private static Slot[] Allocate(int size)
    {
        var bytes = (long)size * Marshal.SizeOf<Slot>();
        if (bytes < 4L * HugePage || !OperatingSystem.IsLinux()) return new Slot[size];
        // On the pinned object heap: the array never moves, so its address can be given to the kernel.
        var slots = GC.AllocateArray<Slot>(size, pinned: true);
        var start = Marshal.UnsafeAddrOfPinnedArrayElement(slots, 0);
        var aligned = (start + HugePage - 1) & ~(nint)(HugePage - 1);
        var length = (bytes - (aligned - start)) & ~(long)(HugePage - 1);
        // Advice only: where the kernel has no huge page, or refuses, the table works as before.
        if (length > 0) _ = Madvise(aligned, (nuint)length, MadviseHugePage);
        return slots;
    }

    private const int MadviseHugePage = 14;

    [DllImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
