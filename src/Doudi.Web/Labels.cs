namespace Doudi.Web;

/// <summary>Chinese labels for the registry's code values, as the pages show them.</summary>
public static class Labels
{
    public static string Relation(string relation) => relation switch
    {
        "head" => "户主",
        "spouse" => "配偶",
        "child" => "子女",
        "parent" => "父母",
        "grandchild" => "孙子女",
        "grandparent" => "祖父母",
        "sibling" => "兄弟姐妹",
        "other" => "其他",
        _ => relation,
    };

    public static string Sex(string sex) => sex switch
    {
        "male" or "M" or "1" => "男",
        "female" or "F" or "2" => "女",
        _ => sex,
    };

    public static string Area(string area) => area switch
    {
        "urban" => "城镇",
        "rural" => "农村",
        _ => area,
    };

    public static string YesNo(bool? value) => value switch
    {
        true => "是",
        false => "否",
        null => "未提供",
    };
}
