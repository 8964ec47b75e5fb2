"""Words the planner adds to slides (agenda, summary, continuation mark), by course language."""

from __future__ import annotations

LABELS = {
    "zh": {
        "agenda": "本讲内容",
        "objectives": "学习目标",
        "contents": "内容",
        "summary": "小结",
        "part": "第 {n} 部分",
        "continued": "（续）",
        "architecture": "架构",
        "params": "参数",
        "modalities": "模态",
        "mindmap_link": "打开交互式思维导图",
        "answer": "答案：",
        "choose_several": "（可多选）",
        "join_link": "用手机打开",
        "join_room": "房间号",
        "join_later": "使用 deck present 放映时，这里显示加入二维码",
        "handout_slide": "幻灯片 {n}",
        "handout_more": "（续见第 {n} 页）",
        "home_slides": "{n} 页",
        "home_mindmap": "思维导图",
        "home_course_pdf": "整门课程（PDF）",
        "home_search": "搜索全部讲次的标题、正文和讲稿",
        "home_results": "{n} 处结果",
        "home_no_results": "没有找到",
        "home_notes": "讲稿",
        "home_slide": "第 {n} 页",
        "home_help": "放映：打开一讲，按 f 全屏，p 打开带讲稿的演讲者视图，o 查看全部幻灯片；在本页按 / 搜索。",
    },
    "en": {
        "agenda": "Agenda",
        "objectives": "Objectives",
        "contents": "Contents",
        "summary": "Summary",
        "part": "Part {n}",
        "continued": " (cont.)",
        "architecture": "Architecture",
        "params": "Parameters",
        "modalities": "Modalities",
        "mindmap_link": "Open the interactive mind map",
        "answer": "Answer: ",
        "choose_several": " (choose all that apply)",
        "join_link": "Open on your phone",
        "join_room": "Room code",
        "join_later": "The QR code to join appears here when you present with deck present",
        "handout_slide": "Slide {n}",
        "handout_more": "(continued on page {n})",
        "home_slides": "{n} slides",
        "home_mindmap": "Mind map",
        "home_course_pdf": "The whole course (PDF)",
        "home_search": "Search titles, text and notes of every lecture",
        "home_results": "{n} results",
        "home_no_results": "Nothing found",
        "home_notes": "Notes",
        "home_slide": "slide {n}",
        "home_help": "Presenting: open a lecture, press f for full screen, p for the presenter view with notes, "
        "o for the overview; press / on this page to search.",
    },
}


def label(lang: str, key: str, **values: object) -> str:
    """The label for a course language ('zh-CN' → zh; unknown languages use English)."""
    table = LABELS.get(lang.split("-")[0].lower(), LABELS["en"])
    return table[key].format(**values)
