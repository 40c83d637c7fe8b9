namespace Doudi.Registry.Demo;

/// <summary>Word lists for synthetic people and places. Invented combinations: any likeness to a real person is chance.</summary>
internal static class DemoNames
{
    // Common surnames in the Pearl River Delta, most frequent first (drawn with a falling weight).
    public static readonly string[] Surnames =
    [
        "陈", "李", "黄", "张", "梁", "刘", "林", "何", "罗", "钟", "叶", "邓", "谢", "郭", "朱", "冯", "曾", "吴", "赖", "彭",
        "潘", "湛", "单", "邝", "卢", "麦", "蔡", "温", "徐", "方",
    ];

    public static readonly string[] MaleGiven =
    [
        "伟", "强", "军", "明", "华", "国", "建", "志", "勇", "杰", "俊", "文", "永", "荣", "海", "辉", "锦", "炳", "添", "耀",
        "家", "浩", "宇", "子", "天", "振", "德", "光", "旺", "福",
    ];

    public static readonly string[] FemaleGiven =
    [
        "芳", "娟", "丽", "敏", "静", "燕", "玲", "霞", "红", "梅", "婷", "欣", "慧", "秀", "美", "彩", "凤", "嘉", "琪", "雪",
        "月", "桂", "金", "妹", "萍", "晓", "颖", "倩", "玉", "兰",
    ];

    /// <summary>Townships of the demo county: streets (街道, urban) first, then towns (镇, rural).</summary>
    public static readonly (string Name, bool Urban)[] Townships =
    [
        ("荔城街道", true), ("增江街道", true), ("朱村街道", true), ("永宁街道", true), ("荔湖街道", true), ("宁西街道", true),
        ("新塘镇", false), ("石滩镇", false), ("中新镇", false), ("正果镇", false), ("派潭镇", false), ("小楼镇", false), ("仙村镇", false),
    ];

    public static readonly string[] PlaceFirst = ["石", "塘", "新", "白", "黄", "岭", "坑", "湖", "田", "沙", "西", "东", "南", "北", "大", "上", "下", "罗", "邓", "高"];

    public static readonly string[] PlaceSecond = ["美", "湖", "岗", "头", "围", "塘", "田", "坑", "边", "陂", "洞", "埔", "尾", "背", "冚", "岭"];
}
