"""Theme tokens → Marp theme CSS (templates/theme.css.j2), with the box sizes the fit step uses."""

from __future__ import annotations

from lecturedeck.plan import geometry
from lecturedeck.render.markdown import _environment
from lecturedeck.themes import Theme

CODE_PADDING = 16
CODE_LINE_HEIGHT = 1.35
CELL_PADDING_X = 12
CELL_PADDING_Y = 6
BOX_PADDING = 16


def render_theme_css(theme: Theme) -> str:
    """The Marp theme stylesheet for one theme (`/* @theme name */`, no external resources)."""
    return (
        _environment()
        .get_template("theme.css.j2")
        .render(
            theme=theme,
            line_height_title=geometry.TITLE_LINE_HEIGHT,
            column_gap=geometry.COLUMN_GAP,
            code_padding=CODE_PADDING,
            code_line_height=CODE_LINE_HEIGHT,
            cell_padding_x=CELL_PADDING_X,
            cell_padding_y=CELL_PADDING_Y,
            box_padding=BOX_PADDING,
        )
    )
