"""Which arrangement a flowchart gets: a loop-back link may cross to the band before (so a long top-down
loop wraps into two columns instead of turning into a thin left-right strip), never through a node."""

from __future__ import annotations

from lecturedeck.diagrams.flowchart import _segment_hits, fit_mermaid
from lecturedeck.themes import load_theme

BODY = (1152, 485.3)  # the drawing's part of a diagram slide with a one-line caption (lecture theme)

BFS = """flowchart TD
    S([开始]) --> I[起点入队，标记已访问]
    I --> Q{队列为空?}
    Q -- 是 --> E([结束])
    Q -- 否 --> P[出队一个顶点 u]
    P --> N[遍历 u 的每个邻居 v]
    N --> V{v 已访问?}
    V -- 否 --> M[标记 v，v 入队]
    V -- 是 --> N
    M --> Q
"""

GAN = """graph LR
    Z[随机噪声] --> G[生成器]
    G --> F[假样本]
    R[真实样本] --> D{鉴别器}
    F --> D
    D -->|判断真或假| L[差异与损失]
    L -- 改进 --> G
    L -- 改进 --> D
"""


def test_top_down_loop_wraps_into_columns_with_large_text() -> None:
    theme = load_theme("lecture")
    w, h = BODY
    fitted = fit_mermaid(BFS, theme, w, h)
    layout = fitted.layout
    assert fitted.readable
    assert layout.arrangement.direction == "TB"  # the author's direction
    assert layout.size >= theme.sizes.min + 6  # was sizes.min (18 px) in a left-right strip
    nodes = [n.rect for n in layout.nodes]
    drawn = max(r.bottom for r in nodes) - min(r.y for r in nodes)
    assert drawn >= 0.85 * h  # was ~38% of the body height


def test_no_link_runs_through_a_node() -> None:
    fitted = fit_mermaid(GAN, load_theme("lecture"), *BODY)
    layout = fitted.layout
    for e in layout.edges:
        for n in layout.nodes:
            if n.id not in (e.source, e.target) and len(e.points) == 2:
                assert not _segment_hits(e.points[0], e.points[-1], n.rect), (e.source, e.target, n.id)
