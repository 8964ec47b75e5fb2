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
    },
}


def label(lang: str, key: str, **values: object) -> str:
    """The label for a course language ('zh-CN' → zh; unknown languages use English)."""
    table = LABELS.get(lang.split("-")[0].lower(), LABELS["en"])
    return table[key].format(**values)
