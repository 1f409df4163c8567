"""Colour checks: WCAG contrast, colour-vision-deficiency simulation, palette distinctness.

Pure functions; the tests assert the app's palette with them. Simulations use the
Machado, Oliveira and Fernandes (2009) matrices at full severity, applied in linear
RGB; distances are CIE76 ΔE in CIELAB (D65), where about 2.3 is a just-noticeable
difference and 10 or more reads as clearly different at a glance.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from pioc_metrics import constants as C
from pioc_metrics.figures import theme

# Machado et al. (2009), severity 1.0; rows give the simulated linear R, G, B.
CVD_MATRICES = {
    "protanopia": np.array([
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ]),
    "deuteranopia": np.array([
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]),
    "tritanopia": np.array([
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ]),
}

WCAG_AA_TEXT = 4.5
MIN_STATUS_DELTA_E = 10.0  # minimum distance between any two status colours, also under simulation

# Text on the backgrounds the app draws (Streamlit's light theme and the charts' white paper).
BACKGROUNDS = {"page": "#FFFFFF", "sidebar": "#F0F2F6"}
TEXT_COLOURS = {"body": "#31333F", "caption": "#555867", "link": "#0072B2", "chart_note": "#333333",
                "chart_text": theme.INK, "chart_muted": theme.MUTED, "chart_path_label": theme.PATH_TEXT_COLOUR}


def hex_to_rgb(colour: str) -> np.ndarray:
    """'#0072B2' -> array([0.0, 0.447, 0.698]) (sRGB, 0..1)."""
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"not a hex colour: {colour!r}")
    return np.array([int(text[i:i + 2], 16) for i in (0, 2, 4)], dtype=float) / 255.0


def _linear(srgb: np.ndarray) -> np.ndarray:
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _gamma(linear: np.ndarray) -> np.ndarray:
    linear = np.clip(linear, 0.0, 1.0)
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    r, g, b = _linear(hex_to_rgb(colour))
    return float(0.2126 * r + 0.7152 * g + 0.0722 * b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio (1 to 21) between two colours."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_on(background: str) -> str:
    """Black or white, whichever contrasts more with the background."""
    return "#000000" if contrast_ratio("#000000", background) >= contrast_ratio("#FFFFFF", background) else "#FFFFFF"


def simulate(colour: str, deficiency: str) -> str:
    """How a colour looks under a full colour-vision deficiency, as a hex colour."""
    matrix = CVD_MATRICES[deficiency]
    linear = matrix @ _linear(hex_to_rgb(colour))
    srgb = _gamma(linear)
    return "#" + "".join(f"{int(round(v * 255)):02X}" for v in srgb)


def to_lab(colour: str) -> np.ndarray:
    """CIELAB (D65) of an sRGB colour."""
    linear = _linear(hex_to_rgb(colour))
    xyz = np.array([
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]) @ linear
    white = np.array([0.95047, 1.0, 1.08883])
    ratio = xyz / white
    eps, kappa = 216 / 24389, 24389 / 27
    f = np.where(ratio > eps, np.cbrt(ratio), (kappa * ratio + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str) -> float:
    """CIE76 colour difference."""
    return float(np.linalg.norm(to_lab(a) - to_lab(b)))


def min_pairwise_delta_e(colours: dict[str, str], deficiency: str | None = None) -> tuple[float, tuple[str, str]]:
    """The closest pair of a palette (optionally as seen under a deficiency) and its distance."""
    seen = {k: simulate(v, deficiency) if deficiency else v for k, v in colours.items()}
    pairs = [(delta_e(seen[a], seen[b]), (a, b)) for a, b in combinations(seen, 2)]
    return min(pairs)


def palette_problems(colours: dict[str, str] | None = None, minimum: float = MIN_STATUS_DELTA_E) -> list[str]:
    """Why a status palette is not safe: pairs too close in normal, protan or deutan vision; no readable text."""
    colours = colours or C.STATUS_COLOURS
    problems = []
    for deficiency in (None, "protanopia", "deuteranopia"):
        distance, (a, b) = min_pairwise_delta_e(colours, deficiency)
        if distance < minimum:
            problems.append(f"{a} and {b} differ by ΔE {distance:.1f} under {deficiency or 'normal vision'}")
    for name, colour in colours.items():
        text = readable_text_on(colour)
        if contrast_ratio(text, colour) < WCAG_AA_TEXT:
            problems.append(f"no text colour reaches AA on {name} ({colour})")
    return problems


def text_contrast_problems() -> list[str]:
    """Text colours of the app that miss WCAG AA on a background they are used on."""
    return [
        f"{text} ({fg}) on {bg_name} ({bg}): {contrast_ratio(fg, bg):.2f}"
        for text, fg in TEXT_COLOURS.items()
        for bg_name, bg in BACKGROUNDS.items()
        if contrast_ratio(fg, bg) < WCAG_AA_TEXT
    ]
