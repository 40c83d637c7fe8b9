using System.Text;
using Doudi.Imports;

namespace Doudi.Tests.Imports;

public class Utf8CsvTests
{
    private static readonly string[] Samples =
    [
        "a,b,c\n1,2,3\n",
        "a,b,c\r\n1,2,3\r\n\r\n4,5,6",
        "a,b\n\n\n1,\"x,y\"\n2,\"he said \"\"hi\"\"\"\n",
        "a,b\n1,\"two\nlines\"\n3,4\n",
        "a,b\r1,2\r3,4\r",
        "a,b\n1,\"closed\"tail\n2,3\n",
        "a,b\n1,2,\n,\n , \n3,\"never closed\n4,5\n",
        "名字,值\n张三,\"粤A\"\"1\"\"\"\n 李四 ,　\n",
        "a\n\"\"\n\"x\"\"\"\n",
        "a,b\n1,ab\"c\n2,\"q\r\nr\"\n",
    ];

    private static List<string> General(string text)
    {
        var records = new CsvRecordReader(new StringReader(text)).Records();
        return records.Select(r => $"{r.Line}|{r.IsBlank}|{r.Problem}|{string.Join("¦", r.Fields)}").ToList();
    }

    private static List<string> Bytes(string text, int blockSize)
    {
        var result = new List<string>();
        var line = 1;
        foreach (var block in Utf8CsvBlocks.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), blockSize))
        {
            var parser = new Utf8CsvRecordParser(block.Buffer, 0, block.Length);
            while (parser.Next())
            {
                var fields = Enumerable.Range(0, parser.Count).Select(parser.Text);
                result.Add($"{line + parser.RecordLine}|{parser.IsBlank}|{parser.Problem}|{string.Join("¦", fields)}");
            }
            line += parser.Line;
        }
        return result;
    }

    [Fact]
    public void The_byte_parser_gives_the_records_lines_and_problems_of_the_general_reader_whatever_the_block_size()
    {
        foreach (var sample in Samples)
        {
            var expected = General(sample);
            foreach (var size in new[] { 16, 64, 1 << 16 }) Assert.Equal(expected, Bytes(sample, size));
        }
    }

    [Fact]
    public void Blocks_end_after_a_whole_record_never_inside_a_quoted_line_break()
    {
        var text = "h\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"\"line {i}\nstill {i}\"\n"));
        var blocks = Utf8CsvBlocks.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), 32).ToList();
        Assert.True(blocks.Count > 10);
        foreach (var block in blocks)
        {
            var content = Encoding.UTF8.GetString(block.Buffer, 0, block.Length);
            Assert.Equal(0, content.Count(c => c == '"') % 2);
            Assert.EndsWith("\n", content, StringComparison.Ordinal);
        }
        Assert.Equal(text, string.Concat(blocks.Select(b => Encoding.UTF8.GetString(b.Buffer, 0, b.Length))));
    }
}
