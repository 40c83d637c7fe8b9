using Doudi.Feeds;

namespace Doudi.Tests.Feeds;

public class LatestByHashTests
{
    [Fact]
    public void Each_hash_keeps_its_latest_place_and_a_repeat_returns_the_place_it_replaces()
    {
        var map = new LatestByHash();
        Assert.False(map.Set(42, 0, out var none));
        Assert.Equal(-1, none);
        Assert.False(map.Set(-7, 5, out _));
        Assert.True(map.Set(42, 9, out var first));
        Assert.Equal(0, first);
        Assert.True(map.Set(42, 11, out var second));
        Assert.Equal(9, second);
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void Growing_from_a_small_table_loses_no_hash_and_agrees_with_a_dictionary()
    {
        var map = new LatestByHash();
        var expected = new Dictionary<long, long>();
        var random = new Random(20261129);
        for (var place = 0L; place < 200_000; place++)
        {
            // Hashes that differ only in their high bits, and repeats, among random ones.
            var hash = (place % 3) switch { 0 => random.NextInt64(long.MinValue, long.MaxValue), 1 => (place % 5000) << 40, _ => place % 70_000 };
            var seen = expected.TryGetValue(hash, out var before);
            Assert.Equal(seen, map.Set(hash, place, out var previous));
            Assert.Equal(seen ? before : -1, previous);
            expected[hash] = place;
        }
        Assert.Equal(expected.Count, map.Count);
        map.EnsureCapacity(1_000_000);
        foreach (var (hash, place) in expected)
        {
            Assert.True(map.Set(hash, place + 1, out var latest));
            Assert.Equal(place, latest);
        }
    }
}
