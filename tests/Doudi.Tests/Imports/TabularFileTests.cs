using System.Text;
using Doudi.Imports;
using MiniExcelLibs;

namespace Doudi.Tests.Imports;

public class TabularFileTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private const string ValidId = "370101190102039973";

    private static readonly Column Id = new("id_number", ValueKind.IdNumber);
    private static readonly Column Name = new("name", ValueKind.Name);
    private static readonly Column Note = new Column("note", ValueKind.Text).AsOptionalFact();
    private static readonly Column Amount = new Column("amount", ValueKind.Money).AsOptionalFact();
    private static readonly Column Day = new Column("day", ValueKind.Date).AsOptionalFact();
    private static readonly FileSchema Schema = new("test", Id, Name, Note, Amount, Day);

    private static (TabularFile File, List<ParsedRow> Rows) Read(byte[] bytes, Encoding? encoding = null)
    {
        var file = TabularFile.Open(ImportSource.FromBytes("t.csv", bytes), Schema, new ReadOptions(Today, encoding));
        return (file, file.Rows().ToList());
    }

    private static (TabularFile File, List<ParsedRow> Rows) Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_bom_is_utf8_and_is_not_part_of_the_first_header()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"id_number,name\r\n{ValidId},张三\r\n")).ToArray();
        var (file, rows) = Read(bytes);
        Assert.Equal("张三", rows.Single().Text(Name));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void A_file_that_is_not_valid_utf8_is_read_as_gb18030()
    {
        var bytes = FileFingerprint.Gb18030.GetBytes($"id_number,name\n{ValidId},陈丽娟\n");
        var (file, rows) = Read(bytes);
        Assert.Equal(54936, file.Fingerprint.Encoding.CodePage);
        Assert.Equal("陈丽娟", rows.Single().Text(Name));
    }

    [Fact]
    public void The_encoding_option_overrides_detection()
    {
        var bytes = FileFingerprint.Gb18030.GetBytes($"id_number,name\n{ValidId},黄伟\n");
        var (_, rows) = Read(bytes, FileFingerprint.EncodingByName("gbk"));
        Assert.Equal("黄伟", rows.Single().Text(Name));
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_later_lines_keep_their_numbers()
    {
        var (_, rows) = Read($"name,id_number,note\n\"梁, 大\",{ValidId},\"他说\"\"好\"\"\r\n第二行\"\n李四,{ValidId},x\n");
        Assert.Equal("梁, 大", rows[0].Text(Name));
        Assert.Equal("他说\"好\"\r\n第二行", rows[0].Text(Note));
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(4, rows[1].Line);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_not_counted_but_line_numbers_stay_those_of_the_file()
    {
        var (file, rows) = Read($"id_number,name\n\n{ValidId},甲\r\n\r\n   \n{ValidId},乙\n\n");
        Assert.Equal(2, file.RowsRead);
        Assert.Equal([3, 6], rows.Select(r => r.Line));
    }

    [Fact]
    public void A_missing_required_column_rejects_the_file_and_names_the_column()
    {
        var e = Assert.Throws<FileRejectedException>(() => Read($"id_number,note\n{ValidId},x\n"));
        Assert.Contains("name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_spaces_and_an_unknown_column_gives_one_warning()
    {
        var (file, rows) = Read($" name , extra ,id_number\n甲,1,{ValidId}\n乙,2,{ValidId}\n");
        Assert.Equal(ValidId, rows[0].Id(Id)!.Value.Value);
        Assert.Single(file.Warnings);
        Assert.Contains("extra", file.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Formula_looking_text_is_stored_as_it_is_and_neutralised_in_the_error_file()
    {
        var (_, rows) = Read($"id_number,name,note\n{ValidId},甲,=HYPERLINK(\"x\")\n");
        Assert.Equal("=HYPERLINK(\"x\")", rows.Single().Text(Note));
        var writer = new StringWriter();
        ErrorFile.Write(writer, [new ImportError(2, "note", "=1+1", "原因"), new ImportError(3, "amount", "-5", "金额")]);
        var lines = writer.ToString().Split("\r\n");
        Assert.Equal("2,note,'=1+1,原因", lines[1]);
        Assert.Equal("3,amount,'-5,金额", lines[2]);
    }

    [Theory]
    [InlineData("4.40106E+17")]
    [InlineData("4.40106E17")]
    [InlineData("370101190102039973.0")]
    [InlineData("370101190102039000")]
    public void Ids_mangled_by_a_spreadsheet_say_so(string value)
    {
        var (_, rows) = Read($"id_number,name\n{value},甲\n");
        var error = Assert.Single(rows.Single().Errors);
        Assert.Equal("id_number", error.Column);
        Assert.Equal(2, error.Line);
        Assert.Equal(value, error.Value);
        Assert.Contains("stored as a number by Excel", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_15_digit_number_is_upgraded_and_full_width_digits_are_normalised()
    {
        var (_, rows) = Read("id_number,name\n370101010203997,甲\n３７０１０１１９０１０２０３９９７３,乙\n");
        Assert.Equal(ValidId, rows[0].Id(Id)!.Value.Value);
        Assert.Equal(ValidId, rows[1].Id(Id)!.Value.Value);
    }

    [Theory]
    [InlineData("1,000", false)]
    [InlineData("-5", false)]
    [InlineData("1e3", false)]
    [InlineData("12.345", false)]
    [InlineData("+3", false)]
    [InlineData("0", true)]
    [InlineData("1195.99", true)]
    public void Money_follows_the_contract_pattern(string value, bool ok)
    {
        var (_, rows) = Read($"id_number,name,amount\n{ValidId},甲,\"{value}\"\n");
        Assert.Equal(ok, !rows.Single().HasErrors);
        if (ok) Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), rows.Single().Money(Amount));
    }

    [Theory]
    [InlineData("2022-3-1")]
    [InlineData("2022/03/01")]
    [InlineData("2022-02-30")]
    public void Dates_are_strictly_yyyy_mm_dd(string value)
    {
        var (_, rows) = Read($"id_number,name,day\n{ValidId},甲,{value}\n");
        Assert.Equal("day", Assert.Single(rows.Single().Errors).Column);
    }

    [Fact]
    public void A_name_longer_than_50_characters_and_a_wrong_field_count_are_row_errors()
    {
        var (_, rows) = Read($"id_number,name\n{ValidId},{new string('名', 51)}\n{ValidId},甲,多余\n");
        Assert.Equal("name", Assert.Single(rows[0].Errors).Column);
        Assert.Equal(ImportError.WholeRow, Assert.Single(rows[1].Errors).Column);
    }

    [Fact]
    public void An_empty_file_is_rejected_and_a_header_only_file_has_no_rows()
    {
        Assert.Throws<FileRejectedException>(() => Read([]));
        var (file, rows) = Read("id_number,name\r\n");
        Assert.Empty(rows);
        Assert.Equal(0, file.RowsRead);
    }

    [Fact]
    public void The_first_sheet_of_an_xlsx_is_read_like_a_csv_and_a_numeric_id_cell_is_the_excel_error()
    {
        var sheet = new List<Dictionary<string, object?>>
        {
            new() { ["a"] = "name", ["b"] = "id_number", ["c"] = "day", ["d"] = "amount" },
            new() { ["a"] = "甲", ["b"] = ValidId, ["c"] = new DateTime(2022, 3, 1), ["d"] = 12.5 },
            new() { ["a"] = "乙", ["b"] = 370101190102039973d, ["c"] = "2022-03-02", ["d"] = "0" },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: false);
        var file = TabularFile.Open(ImportSource.FromBytes("t.xlsx", stream.ToArray()), Schema, new ReadOptions(Today));
        var rows = file.Rows().ToList();
        Assert.Equal(FileFormat.Xlsx, file.Fingerprint.Format);
        Assert.False(rows[0].HasErrors);
        Assert.Equal(new DateOnly(2022, 3, 1), rows[0].Date(Day));
        Assert.Equal(12.5m, rows[0].Money(Amount));
        var error = Assert.Single(rows[1].Errors);
        Assert.Equal((3, "id_number"), (error.Line, error.Column));
        Assert.Contains("stored as a number by Excel", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 5, false)]
    [InlineData(100, 6, true)]
    [InlineData(0, 0, false)]
    public void A_file_is_rejected_whole_when_strictly_more_than_the_share_is_rejected(int rows, int rejected, bool whole)
    {
        Assert.Equal(whole, RejectionRule.RejectsWholeFile(rows, rejected, 0.05m));
    }

    [Fact]
    public void The_same_bytes_give_the_same_sha256()
    {
        var a = FileFingerprint.Compute(ImportSource.FromBytes("a.csv", "x\n"u8.ToArray()));
        var b = FileFingerprint.Compute(ImportSource.FromBytes("b.csv", "x\n"u8.ToArray()));
        Assert.Equal(a.Sha256, b.Sha256);
        Assert.Equal("73cb3858a687a8494ca3323053016282f3dad39d42cf62ca4e79dda2aac7d9ac", a.Sha256);
    }

    [Theory]
    [InlineData("a character across the end of a 1 MiB read", new byte[] { 0xE4, 0xB8, 0xAD }, true)]
    [InlineData("a four-byte character across it", new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, true)]
    [InlineData("a lead byte whose character is cut by a comma", new byte[] { 0xE4, 0xB8, (byte)',' }, false)]
    [InlineData("a character cut by the end of the file", new byte[] { 0xE4, 0xB8 }, false)]
    [InlineData("an overlong slash", new byte[] { 0xC0, 0xAF }, false)]
    [InlineData("a surrogate", new byte[] { 0xED, 0xA0, 0x80 }, false)]
    public void Utf8_is_told_from_gb18030_wherever_the_reads_cut_the_bytes(string what, byte[] tail, bool utf8)
    {
        // 1 MiB less one byte of ASCII, so the tail starts one byte before the end of the first read.
        var bytes = Enumerable.Repeat((byte)'a', (1 << 20) - 1).Concat(tail).ToArray();
        var fingerprint = FileFingerprint.Compute(ImportSource.FromBytes("f.csv", bytes));
        Assert.True(utf8 == fingerprint.Encoding is UTF8Encoding, what);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), fingerprint.Sha256);
    }
}
