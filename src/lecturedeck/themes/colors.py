"""Colour arithmetic on "#RRGGBB" strings: WCAG relative luminance and contrast, mixing."""

from __future__ import annotations


def channels(colour: str) -> tuple[int, int, int]:
    """The red, green and blue bytes of "#RRGGBB"."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance: 0 for black, 1 for white."""

    def linear(byte: int) -> float:
        c = byte / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (equal) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def mix(top: str, bottom: str, alpha: float) -> str:
    """`top` painted with opacity `alpha` over `bottom`."""
    mixed = (round(alpha * t + (1 - alpha) * u) for t, u in zip(channels(top), channels(bottom), strict=True))
    return "#{:02X}{:02X}{:02X}".format(*mixed)
