using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doudi.Web.Pages;

/// <summary>
/// Status pages in Chinese. 403 and 404 read the same on purpose: a refusal must not tell whether a
/// household of another region exists.
/// </summary>
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "出错了";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Title, Message) = code switch
        {
            403 or 404 => ("无权查看或不存在", "您要查看的内容不存在，或不在您的权限范围内。"),
            400 => ("请求无效", "页面可能已过期，请返回后刷新页面再试。"),
            500 => ("系统出错", "系统暂时出错，请稍后再试。如问题持续，请联系数据管理员。"),
            _ => ("出错了", "请求未能完成。"),
        };
    }
}
