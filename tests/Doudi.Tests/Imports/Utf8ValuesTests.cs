using System.Text;
using Doudi.Imports;

namespace Doudi.Tests.Imports;

public class Utf8ValuesTests
{
    private static readonly DateOnly Today = new(2024, 6, 3);

    public static TheoryData<ValueKind, string> Values => new()
    {
        { ValueKind.IdNumber, "44010619800101006X" }, { ValueKind.IdNumber, "44010619800101006x" }, { ValueKind.IdNumber, "440106198001010019" },
        { ValueKind.IdNumber, "440106202501010015" }, { ValueKind.IdNumber, "４40106198001010011" }, { ValueKind.IdNumber, " 44010619800101006X" },
        { ValueKind.IdNumber, "440106198002300011" }, { ValueKind.IdNumber, "440106198001010000" }, { ValueKind.IdNumber, "4.40106E+17" },
        { ValueKind.Date, "2024-02-29" }, { ValueKind.Date, "2023-02-29" }, { ValueKind.Date, "0000-01-01" }, { ValueKind.Date, "2024-1-01" },
        { ValueKind.Date, " 2024-01-01" }, { ValueKind.Month, "2024-12" }, { ValueKind.Month, "2024-13" },
        { ValueKind.Money, "0" }, { ValueKind.Money, "12.5" }, { ValueKind.Money, "12.50" }, { ValueKind.Money, "12.505" }, { ValueKind.Money, "-1" },
        { ValueKind.Money, "1,000" }, { ValueKind.Money, "1e3" }, { ValueKind.Money, ".5" }, { ValueKind.Money, "5." }, { ValueKind.Money, "999999999999999.99" },
        { ValueKind.Name, "张三" }, { ValueKind.Name, " 张三" }, { ValueKind.Name, "张三　" }, { ValueKind.Name, new string('张', 51) },
        { ValueKind.Name, new string('a', 51) }, { ValueKind.Name, "a\tb" }, { ValueKind.Text, "=HYPERLINK(\"x\")" }, { ValueKind.Text, "粤A12345" },
        { ValueKind.Text, "" }, { ValueKind.Code, "car" }, { ValueKind.Code, "Car" }, { ValueKind.Code, " car" },
        { ValueKind.WholeNumber, "3" }, { ValueKind.WholeNumber, "5" }, { ValueKind.WholeNumber, "03" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_the_byte_check_accepts_is_one_the_general_rules_accept_with_the_same_value(ValueKind kind, string text)
    {
        var column = new Column("c", kind) { Codes = kind == ValueKind.Code ? ["car", "bus"] : [], Min = 1, Max = kind == ValueKind.WholeNumber ? 4 : int.MaxValue };
        var fast = Utf8Values.TryFast(column, Encoding.UTF8.GetBytes(text), Today, kind == ValueKind.Code ? Utf8Values.CodeBytes(column) : null, out var date, out var money);
        var (value, error) = ValueRules.Read(column, text, false, Today);
        if (!fast) return;   // the general rules decide, as they always did
        Assert.Null(error);
        switch (value)
        {
            case DateOnly d: Assert.Equal(d, date); break;
            case decimal m: Assert.Equal(m, money); break;
            case Doudi.Kernel.IdNumber id: Assert.Equal(id.Value, text.ToUpperInvariant()); break;
            case int n: Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), text); break;
            default: Assert.Equal(value, text); break;
        }
    }

    [Fact]
    public void The_usual_valid_values_take_the_byte_path()
    {
        var id = new Column("id", ValueKind.IdNumber);
        Assert.True(Utf8Values.TryFast(id, "44010619800101006X"u8, Today, null, out _, out _));
        Assert.True(Utf8Values.TryFast(new Column("d", ValueKind.Date), "2024-02-29"u8, Today, null, out var d, out _));
        Assert.Equal(new DateOnly(2024, 2, 29), d);
        Assert.True(Utf8Values.TryFast(new Column("m", ValueKind.Money), "12.5"u8, Today, null, out _, out var m));
        Assert.Equal(12.5m, m);
        Assert.True(Utf8Values.TryFast(new Column("n", ValueKind.Name), Encoding.UTF8.GetBytes("张三"), Today, null, out _, out _));
        Assert.False(Utf8Values.TryFast(new Column("n", ValueKind.Name), Encoding.UTF8.GetBytes("张三　"), Today, null, out _, out _));
    }
}
