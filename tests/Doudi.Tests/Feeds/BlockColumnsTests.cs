using System.Text;
using Doudi.Feeds;

namespace Doudi.Tests.Feeds;

/// <summary>The block's rows in stored form: values kept column by column, and the key hash the reader pairs rows by.</summary>
public class BlockColumnsTests
{
    private static readonly FeedType Detention = FeedTypes.Get("detention");   // id_number, name, start_date, end_date (optional)

    private static long AddRow(BlockColumns block, string id, string name, int start, int? end)
    {
        Encoding.UTF8.GetBytes(id, block.AddText(0, Encoding.UTF8.GetByteCount(id)));
        Encoding.UTF8.GetBytes(name, block.AddText(1, Encoding.UTF8.GetByteCount(name)));
        block.AddInt(2, start);
        if (end is { } e) block.AddInt(3, e);
        else block.AddNull(3);
        var hash = block.Hash(Detention.KeyIndexes);
        block.EndRow();
        return hash;
    }

    [Fact]
    public void Rows_with_equal_keys_hash_alike_whatever_their_other_values()
    {
        var block = new BlockColumns(Detention);
        var a = AddRow(block, "440100199001011234", "甲", 100, null);
        var b = AddRow(block, "440100199001011234", "乙", 100, 200);
        var c = AddRow(block, "440100199001011234", "甲", 101, null);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Values_are_kept_per_column_and_a_null_is_not_among_them()
    {
        var block = new BlockColumns(Detention, rows: 2, bytes: 8);   // small, so both grow
        for (var r = 0; r < 5; r++) AddRow(block, $"44010019900101123{r}", new string('名', r + 1), r, r % 2 == 0 ? null : r * 10);
        Assert.Equal(5, block.Rows);
        Assert.Equal(2, block.Present(3));
        Assert.Equal([0, 1, 0, 1, 0], block.Defined(3).ToArray().Select(d => (int)d));
        Assert.Equal([10, 30], block.Ints(3).ToArray());
        Assert.Equal([0, 1, 2, 3, 4], block.Ints(2).ToArray());
        var (address, length) = block.Text(1, 4);
        var bytes = new byte[length];
        System.Runtime.InteropServices.Marshal.Copy(address, bytes, 0, length);
        Assert.Equal("名名名名名", Encoding.UTF8.GetString(bytes));
        block.Clear();
        Assert.Equal((0, 0), (block.Rows, block.Present(0)));
    }

    [Fact]
    public void A_required_column_refuses_a_null()
    {
        var block = new BlockColumns(Detention);
        Assert.Throws<InvalidOperationException>(() => block.AddNull(0));
    }

    [Fact]
    public void Where_one_key_value_ends_and_the_next_begins_changes_the_hash()
    {
        // Two text key columns: ("ab", "c") and ("a", "bc") must not hash alike.
        var kin = FeedTypes.Get("official_kin");   // key: id_number, official_id_number
        var block = new BlockColumns(kin);
        long Hash(string id, string official)
        {
            Encoding.UTF8.GetBytes(id, block.AddText(0, Encoding.UTF8.GetByteCount(id)));
            Encoding.UTF8.GetBytes(official, block.AddText(2, Encoding.UTF8.GetByteCount(official)));
            return block.Hash(kin.KeyIndexes);
        }
        Assert.NotEqual(Hash("ab", "c"), Hash("a", "bc"));
    }
}
