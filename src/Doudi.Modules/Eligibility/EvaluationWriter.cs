using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Doudi.Kernel;

namespace Doudi.Eligibility;

/// <summary>Writes an evaluation as the contract's JSON: amounts as numbers with two decimals.</summary>
public static class EvaluationWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Chinese reasons stay readable in the output instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ToUtf8(Evaluation e, IReadOnlyList<InputProblem>? warnings = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, Options)) Write(w, e, warnings);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter w, Evaluation e, IReadOnlyList<InputProblem>? warnings = null)
    {
        w.WriteStartObject();
        w.WriteString("date", e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("county", e.County);
        WriteMoneyOrNull(w, "standard", e.Standard);
        WriteMoneyOrNull(w, "per_capita_income", e.PerCapitaIncome);
        w.WriteStartArray("determinations");
        foreach (var d in e.Determinations)
        {
            w.WriteStartObject();
            w.WriteString("program", d.Program);
            w.WriteBoolean("eligible", d.Eligible);
            w.WriteStartArray("members");
            foreach (var m in d.Members) w.WriteStringValue(m);
            w.WriteEndArray();
            w.WritePropertyName("monthly_amount");
            w.WriteRawValue(Money.Format(d.MonthlyAmount), skipInputValidation: true);
            w.WriteStartObject("per_member");
            foreach (var (key, value) in d.PerMember)
            {
                w.WritePropertyName(key);
                w.WriteRawValue(Money.Format(value), skipInputValidation: true);
            }
            w.WriteEndObject();
            w.WriteStartArray("reasons");
            foreach (var r in d.Reasons) w.WriteStringValue(r);
            w.WriteEndArray();
            w.WriteStartArray("parameters");
            foreach (var p in d.Parameters)
            {
                // A figure reads the same in every trace: compact output copies its JSON, written once.
                if (!w.Options.Indented) w.WriteRawValue(CompactFigures.GetValue(p, Compact), skipInputValidation: true);
                else WriteFigure(w, p);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (warnings is { Count: > 0 })
        {
            w.WriteStartArray("warnings");
            foreach (var x in warnings)
            {
                w.WriteStartObject();
                w.WriteString("path", x.Path);
                w.WriteString("message", x.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Doudi.Policy.Figure, byte[]> CompactFigures = new();

    private static byte[] Compact(Doudi.Policy.Figure p)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder })) WriteFigure(w, p);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFigure(Utf8JsonWriter w, Doudi.Policy.Figure p)
    {
        w.WriteStartObject();
        w.WriteString("name", p.Name);
        w.WritePropertyName("value");
        w.WriteRawValue(FigureValue(p.Value), skipInputValidation: true);
        w.WriteString("effective_from", p.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("reference", p.Reference);
        w.WriteString("status", p.Status);
        w.WriteEndObject();
    }

    /// <summary>At least two decimals (1196.00, 0.20), more when the figure has them (0.035).</summary>
    private static string FigureValue(decimal v) => v.ToString("0.00########", CultureInfo.InvariantCulture);

    private static void WriteMoneyOrNull(Utf8JsonWriter w, string name, decimal? value)
    {
        w.WritePropertyName(name);
        if (value is { } v) w.WriteRawValue(Money.Format(v), skipInputValidation: true);
        else w.WriteNullValue();
    }
}
