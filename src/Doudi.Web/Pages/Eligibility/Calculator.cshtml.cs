using System.Text;
using Doudi.Eligibility;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doudi.Web.Pages.Eligibility;

/// <summary>试算: a caseworker pastes or edits a situation and sees every program's answer with its reasons.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous] // 试算 keeps nothing and needs no personal data
public sealed class CalculatorModel(Doudi.Persistence.DoudiDb db, Doudi.Policy.EffectiveParameters parameters) : PageModel
{
    public const string Example = """
        {
          "date": "2022-07-01",
          "county": "440106",
          "area": "urban",
          "members": [
            { "key": "户主", "sex": "female", "birth_date": "1948-05-02",
              "disability": { "category": "physical", "grade": 2 },
              "income": { "pension": 300, "basic_pension": 180 } },
            { "key": "孙子", "sex": "male", "birth_date": "2004-09-01", "full_time_student": true }
          ],
          "assets": { "financial": 12000, "residential_properties": 1 },
          "rigid_spending_12m": 0
        }
        """;

    public static readonly IReadOnlyDictionary<string, string> ProgramNames = new Dictionary<string, string>
    {
        [Programs.Dibao] = "最低生活保障 (低保)",
        [Programs.DibaoIndividual] = "单人保",
        [Programs.DibaoEdge] = "低保边缘家庭",
        [Programs.ExpenditureHardship] = "支出型困难家庭",
        [Programs.Tekun] = "特困人员救助供养",
        [Programs.DisabilityCare] = "重度残疾人护理补贴",
        [Programs.DisabilityLiving] = "困难残疾人生活补贴",
        [Programs.Orphan] = "孤儿基本生活费",
        [Programs.UnsupportedChild] = "事实无人抚养儿童基本生活补贴",
    };

    [BindProperty]
    public string Situation { get; set; } = Example;

    public Evaluation? Result { get; private set; }
    public IReadOnlyList<InputProblem> Problems { get; private set; } = [];
    public IReadOnlyList<InputProblem> Warnings { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        var outcome = EvaluateSituationHandler.For(await parameters.GetAsync(db, ct)).Handle(Encoding.UTF8.GetBytes(Situation ?? ""));
        Result = outcome.Evaluation;
        Problems = outcome.Problems;
        Warnings = outcome.Warnings;
    }
}
