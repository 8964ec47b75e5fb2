"""Theme tokens → Marp theme CSS (templates/theme.css.j2), with the box sizes the fit step uses."""

from __future__ import annotations

from lecturedeck.kinds import kinds
from lecturedeck.plan import geometry, metrics
from lecturedeck.render.markdown import template_environment
from lecturedeck.render.marp_layout import LINE_BREAKING
from lecturedeck.themes import Theme


def render_theme_css(theme: Theme) -> str:
    """The Marp theme stylesheet for one theme (`/* @theme name */`, no external resources).

    Every length the fit step measures with comes from plan.geometry and plan.metrics, so text
    that the planner says fits does fit in Chromium.
    """
    template = template_environment().get_template("theme.css.j2")
    return template.render(
        theme=theme,
        line_breaking=LINE_BREAKING,
        line_height_title=geometry.TITLE_LINE_HEIGHT,
        column_gap=geometry.COLUMN_GAP,
        block_gap=metrics.block_gap(theme),
        code_padding=metrics.CODE_PADDING,
        code_line_height=metrics.CODE_LINE_HEIGHT,
        cell_padding_x=metrics.CELL_PAD_X,
        cell_padding_y=metrics.CELL_PAD_Y,
        box_padding=metrics.BOX_PADDING,
        box_border=metrics.BOX_BORDER,
        quote_extra_left=metrics.QUOTE_EXTRA_LEFT,
        cell_border=metrics.CELL_BORDER,
        comparison_rule=metrics.COMPARISON_RULE,
        inline_code_pad_em=metrics.INLINE_CODE_PAD_EM,
        partials=[f"{k.name}/style.css.j2" for k in kinds().values() if k.stylesheet.is_file()],
    )
