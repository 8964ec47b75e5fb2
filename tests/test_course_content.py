"""The flagship course slides/llm-course carries the content of all five seed documents.

Checked on the planned deck (load + plan, no fitting, no renderer): every key term of every seed
appears somewhere in the course text — slide titles, blocks, table cells, links, formulas,
diagram and code sources, and speaker notes. Terms are grouped by seed so a gap shows which
seed lost content. The structure checks keep the course a good example: objectives, sections
and a summary in every lecture, and speaker notes on every content slide and on 9 in 10 of the
slides a lecturer talks over (generated title, agenda and summary slides included).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import pytest

from lecturedeck.build import PlannedCourse, load_and_plan
from lecturedeck.inline import Span
from lecturedeck.plan import model as m

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "slides" / "llm-course"

SEED_TERMS: dict[str, list[str]] = {
    # 000: markmap mind map of LLM applications (LLM, VLM, Science, RL, Speech) + references
    "000-mindmap": [
        "大语言模型 LLM", "语言视觉大模型 VLM", "客服机器人", "内容推荐", "RAG", "代码注释",
        "影视创作", "异常检测", "流程监控",
        "物理学", "化学", "生物学", "天文学", "地球科学", "数学",
        "LHC", "新材料研发", "化学反应预测", "基因序列分析", "AlphaFold", "宇宙学模拟",
        "气象预测", "地质勘探", "定理证明",
        "信息处理者", "奖励设计者", "决策者", "生成者", "表征提取", "轨迹生成", "行为解释生成",
        "语音识别", "语音合成", "语音翻译", "语音情感识别", "语音增强", "方言翻译", "降噪",
        "awesome-huge-models", "Awesome-LLM", "Open-LLMs",
    ],
    # 001: the 65-slide Marp deck 人工智能大模型
    "001-deck": [
        "萌芽期", "沉淀期", "爆发期", "1950", "LeNet-5", "Word2Vec", "GAN", "Transformer",
        "GPT-1", "BERT", "GPT-3", "1750 亿", "零样本", "ChatGPT", "GPT-3.5", "GPT-4",
        "文心大模型", "盘古大模型", "字节跳动",
        "CNN", "RNN", "LSTM", "GRU", "自注意力", "多头注意力",
        "SGD", "Adagrad", "Adadelta", "Adam", "网络爬虫", "数据清洗", "数据标注", "数据增强",
        "涌现", "多任务学习", "自监督学习", "领域知识融合",
        "Generative Pre-Trained Transformer", "混合专家", "1.8 万亿", "交叉注意力",
        "Gemini", "Gemini Ultra", "Gemini Pro", "Gemini Nano", "Multimodal Live API", "TPU",
        "文心一言", "知识增强", "基础—任务—行业", "chatfile",
        "LLaMA 3", "128k", "32,000", "分组查询注意力", "30000",
        "ViT", "AlexNet", "ResNet", "玻尔兹曼机", "生成器", "鉴别器", "Goodfellow", "MNIST",
        "扩散模型", "高斯噪声", "正向过程", "反向过程", "马尔可夫链", "stable-diffusion-xl-refiner-1.0",
        "新闻写作", "故事创作", "文本摘要", "机器翻译", "kick the bucket", "Siri", "Alexa",
        "人脸识别", "自动驾驶", "智能监控", "智能仓储",
        "肺结节", "心血管", "药物研发", "虚拟筛选", "个性化医疗", "风险评估", "交易策略",
    ],
    # 002: article with a mermaid flowchart, the attention formula and PyTorch code
    "002-article": [
        "生成式AI", "多模态学习", "强化学习", "A[大型语言模型] --> B{生成式AI}",
        r"\sqrt{d_k}", "softmax", "查询矩阵", "键矩阵", "值矩阵",
        "数据预处理", "模型训练", "模型评估", "模型部署", "长距离依赖", "训练数据偏差",
        "nn.TransformerEncoderLayer(embedding_dim, num_heads)", "Python 3.7+", "PyTorch 1.7+",
        "CUDA 10.2+", "困惑度", "BLEU", "Distributed Data Parallel",
        "Hugging Face", "TensorFlow", "Coursera", "edX",
        "Attention Is All You Need", "Few-Shot Learners",
        "数据安全和隐私", "可解释性", "伦理问题", "机器人", "医疗保健",
    ],
    # 003: notes on LLM capabilities, limits, training, extensions, trends, resources
    "003-notes": [
        "智力服务", "数学推理", "常识推理", "生歌",
        "MMLU", "Humanity's Last Exam", "HLE", "Elo", "GAIA", "OSWorld",
        "幻觉", r"0.9^{10}", "35%", "Context 长度", "使用难度", "感知能力",
        "Vellum", "Open LLM Leaderboard", "Evaluation Harness",
        "MoE", "Scaling Law", "预训练", "微调", "后训练", "Embedding",
        "SFT", "PEFT", "RLHF", "蒸馏", "Distillation", "数据合成", "拒绝采样", "Function Call",
        "MCP", "工具使用的规范", "诉状", "用户画像", "选品", "AI 陪伴", "AI 教学",
        "筛选新闻", "机器之爱的恩典", "AIO", "专有化模型", "Manus", "AGI", "ReAct",
        "机器之心", "雷锋网", "量子位", "极客公园",
    ],
    # 004: notes on definitions, classification, generalisation, fine-tuning and alignment
    "004-notes": [
        "大模型", "超大模型", "大语言模型", "GPT", "单向生成", "多轮对话",
        "探索沉淀期", "迅猛发展期",
        "语言大模型（NLP）", "视觉大模型（CV）", "多模态大模型", "Bard", "文心 UFO", "盘古 CV",
        "INTERN", "DingoDB", "DALL-E", "悟空画画", "Midjourney",
        "L0", "L1", "L2", "通用大模型", "行业大模型", "垂直大模型", "通识教育", "行业专家",
        "泛化能力", "Fine-tuning", "Feature augmentation", "Transfer learning", "过拟合",
        "人类偏好对齐", "偏见和歧视性信息", "有监督微调",
        "大模型关键技术与未来发展方向", "nsfc.gov.cn", "xie.infoq.cn",
    ],
}  # fmt: skip

# The course's backbone: these must be visible on the slides themselves, not only in the notes.
ON_SLIDES = [
    "LeNet-5", "Word2Vec", "GAN", "Transformer", "BERT", "GPT-3", "ChatGPT", "GPT-4", "文心一言",
    "盘古", "LLaMA 3", "Gemini", "ViT", "扩散模型", "SGD", "Adam", "RLHF", "SFT", "PEFT", "蒸馏",
    "RAG", "MCP", "MMLU", "HLE", "GAIA", "OSWorld", "萌芽期", "沉淀期", "爆发期", "L0", "L1", "L2",
    "涌现", "幻觉", "人脸识别", "药物研发",
]  # fmt: skip


def _texts(value: object, *, notes: bool = True) -> Iterator[str]:
    """Every piece of text inside a planned slide: spans, links, strings in nested dataclasses."""
    if isinstance(value, Span):
        yield value.text
        if value.link:
            yield value.link
    elif isinstance(value, str):
        yield value
    elif isinstance(value, Enum | Path):
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if notes or f.name != "notes":
                yield from _texts(getattr(value, f.name), notes=notes)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item, notes=notes)


@pytest.fixture(scope="module")
def course() -> PlannedCourse:
    (planned,) = load_and_plan([COURSE])
    return planned


@pytest.fixture(scope="module")
def corpus(course: PlannedCourse) -> str:
    """All course text, one line per piece; inline markup is already parsed away."""
    return "\n".join(text for deck in course.decks for slide in deck.slides for text in _texts(slide))


def test_backbone_terms_are_on_the_slides(course: PlannedCourse) -> None:
    shown = "\n".join(t for deck in course.decks for slide in deck.slides for t in _texts(slide, notes=False))
    missing = [term for term in ON_SLIDES if term not in shown]
    assert not missing, f"only in speaker notes (or nowhere): {missing}"


def test_course_metadata(course: PlannedCourse) -> None:
    meta = course.loaded.course
    assert (meta.title, meta.subtitle, meta.author, meta.lang, meta.theme) == (
        "人工智能大模型", "从发展历史到行业应用", "课程组", "zh-CN", "lecture",
    )  # fmt: skip
    assert len(course.decks) == 7


def test_enough_key_terms() -> None:
    terms = [t for group in SEED_TERMS.values() for t in group]
    assert len(terms) >= 60
    assert all(len(group) >= 20 for group in SEED_TERMS.values())


@pytest.mark.parametrize("seed", sorted(SEED_TERMS))
def test_every_seed_term_appears(corpus: str, seed: str) -> None:
    missing = [term for term in SEED_TERMS[seed] if term not in corpus]
    assert not missing, f"seed {seed}: terms missing from slides/llm-course: {missing}"


def test_every_lecture_has_objectives_sections_and_summary(course: PlannedCourse) -> None:
    for loaded, deck in zip(course.loaded.lectures, course.decks, strict=True):
        lecture = loaded.lecture
        assert lecture.objectives, f"{loaded.path.name}: no objectives"
        assert len(lecture.sections) >= 2, f"{loaded.path.name}: needs a section structure"
        assert lecture.summary, f"{loaded.path.name}: no summary"
        roles = [slide.role for slide in deck.slides]
        assert roles[:2] == [m.SlideRole.TITLE, m.SlideRole.AGENDA]
        assert roles.count(m.SlideRole.SECTION) == len(lecture.sections)
        assert roles[-1] == m.SlideRole.SUMMARY


def test_every_content_slide_has_notes(course: PlannedCourse) -> None:
    bare = [
        f"{slide.source}: {slide.kind}"
        for deck in course.decks
        for slide in deck.slides
        if slide.role is m.SlideRole.CONTENT and slide.part == 1 and not slide.notes.strip()
    ]
    assert not bare, f"content slides without speaker notes: {bare}"


SPOKEN = (m.SlideRole.TITLE, m.SlideRole.AGENDA, m.SlideRole.CONTENT, m.SlideRole.SUMMARY)


def test_speaker_notes_cover_nine_in_ten_slides_a_lecturer_talks_over(course: PlannedCourse) -> None:
    """Notes coverage of the slides as written (continuations carry none): content slides, and every slide a
    lecturer talks over — title, agenda, content and summary (section dividers only announce the next part)."""
    written = [s for deck in course.decks for s in deck.slides if s.part == 1]
    for roles in ((m.SlideRole.CONTENT,), SPOKEN):
        slides = [s for s in written if s.role in roles]
        noted = [s for s in slides if s.notes.strip()]
        assert len(noted) / len(slides) >= 0.9, f"{len(noted)}/{len(slides)} {[r.value for r in roles]} with notes"


def _blocks(course: PlannedCourse, kind: type) -> list:
    return [b for deck in course.decks for slide in deck.slides for b in slide.blocks if isinstance(b, kind)]


def test_structured_kinds_carry_the_seed_structures(course: PlannedCourse) -> None:
    [timeline] = _blocks(course, m.TimelineBlock)
    assert ["".join(s.text for s in p.name) for p in timeline.periods] == ["萌芽期", "沉淀期", "爆发期"]
    assert all(p.events for p in timeline.periods)

    [mindmap] = _blocks(course, m.MindmapBlock)
    assert len(mindmap.branches) == 5  # LLM, VLM, Science, RL, Speech

    models = {"".join(s.text for s in card.name) for card in _blocks(course, m.ModelCardBlock)}
    assert {"GPT-4", "Gemini", "文心一言", "LLaMA 3"} <= models

    formulas = [b.latex for b in _blocks(course, m.MathBlock)]
    assert any(r"\frac{QK^T}{\sqrt{d_k}}" in f for f in formulas)
    assert r"0.9^{10} \approx 0.35" in formulas

    diagrams = [b.mermaid for b in _blocks(course, m.DiagramBlock)]
    seed_002 = "graph LR\n    A[大型语言模型] --> B{生成式AI}\n    B --> C{多模态学习}"
    assert any(seed_002 in d for d in diagrams), "seed 002's mermaid flowchart must be kept verbatim"
    assert any("生成器" in d and "鉴别器" in d for d in diagrams), "GAN loop diagram"
    assert any("正向过程" in d and "反向过程" in d for d in diagrams), "diffusion diagram"

    assert any("class Transformer(nn.Module)" in b.code for b in _blocks(course, m.CodeBlock))
