using Doudi.Eligibility;

namespace Doudi.Web.Api;

/// <summary><c>POST /api/v1/eligibility/evaluate</c>: the same JSON as the CLI (contracts/eligibility.md).</summary>
public static class EligibilityEndpoints
{
    public static IEndpointRouteBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/eligibility/evaluate", async (HttpRequest request, Doudi.Persistence.DoudiDb db, Doudi.Policy.EffectiveParameters parameters, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            // The figures in force in this database, administrators' additions included.
            var outcome = EvaluateSituationHandler.For(await parameters.GetAsync(db, ct)).Handle(body.GetBuffer().AsMemory(0, (int)body.Length));
            if (outcome.Evaluation is null)
            {
                // RFC 7807: every problem, each with its JSON path.
                return Results.Problem(
                    title: "输入有误",
                    detail: $"{outcome.Problems.Count} problem(s) in the situation",
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?>
                    {
                        ["errors"] = outcome.Problems.Select(p => new { path = p.Path, message = p.Message }).ToArray(),
                    });
            }
            return Results.Bytes(EvaluationWriter.ToUtf8(outcome.Evaluation, outcome.Warnings), "application/json; charset=utf-8");
        }).AllowAnonymous(); // a pure calculation on the caller's own data: other systems call it without a staff session
        return app;
    }
}
