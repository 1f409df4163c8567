"""Methodology: every formula, threshold, default and caveat, rendered from the engine's own constants."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.engine import methodology as M
from pioc_metrics.app.context import page_setup
from pioc_metrics.paths import data_file

EXAMPLE_CITY, EXAMPLE_SERIES = "palmira", "pioc-report-2023"

ctx = page_setup("methodology")
lang, s = ctx.lang, ctx.settings


def num(value, decimals: int = 1) -> str:
    return F.number(value, lang, decimals)


def latex_number(value, decimals: int = 1) -> str:
    """A number for st.latex: the language's decimal mark, braced so LaTeX adds no space after a comma."""
    return F.number(value, lang, decimals).replace(",", "{,}").replace("−", "-")


def latex_percent(share, decimals: int = 1) -> str:
    return latex_number(100 * share, decimals) + r"\,\%"


def threshold(value) -> str:
    return F.number(value, lang, 2)


st.title(ctx.tr("meth_title"))
st.write(ctx.tr("meth_intro"))

# ---------------------------------------------------------------- settings and defaults
st.subheader(ctx.tr("meth_current_settings"))
st.write(ctx.settings_line())
required_now = float(M.required_rate(s.reduction, s.network_baseline_year, s.target_year))
st.write(ctx.tr("meth_required_now", year=s.network_baseline_year, rate=F.percent(required_now, lang, signed=True)))

st.subheader(ctx.tr("meth_defaults"))
defaults = pd.DataFrame(
    [
        (ctx.tr("meth_param_target"), F.year(C.TARGET_YEAR), ctx.tr("meth_sidebar")),
        (ctx.tr("meth_param_reduction"), f"{num(C.REDUCTION, 2)} ({F.percent(C.REDUCTION, lang, 0)})",
         ctx.tr("meth_param_reduction_range", low=num(C.REDUCTION_MIN, 1), high=num(C.REDUCTION_MAX, 1))),
        (ctx.tr("meth_param_baseline"), ctx.tr("meth_param_baseline_default", year=C.DEFAULT_BASELINE_YEAR),
         ctx.tr("meth_sidebar")),
        (ctx.tr("meth_param_smoothing"), ctx.tr("smoothing_" + C.SMOOTHING_CHOICES[0]),
         ctx.tr("meth_sidebar") + ": " + ctx.tr("smoothing_" + C.SMOOTHING_CHOICES[1])),
        (ctx.tr("meth_param_path"), ctx.tr("path_" + C.PATH_CHOICES[0]),
         ctx.tr("meth_sidebar") + ": " + ctx.tr("path_" + C.PATH_CHOICES[1])),
    ],
    columns=[ctx.tr("meth_col_parameter"), ctx.tr("meth_col_default"), ctx.tr("meth_col_where")],
)
st.table(defaults.set_index(ctx.tr("meth_col_parameter")))
st.caption(ctx.tr("meth_why_baseline", year=C.DEFAULT_BASELINE_YEAR))

# ---------------------------------------------------------------- formulas
st.subheader(ctx.tr("meth_formulas"))
st.caption(ctx.tr("meth_symbols"))
FORMULAS = (
    ("meth_f_target", r"T = B \times (1 - f)"),
    ("meth_f_actual", r"\mathrm{CAGR}_a = \left(\frac{L}{B}\right)^{1/(t-b)} - 1"),
    ("meth_f_required", r"\mathrm{CAGR}_r = (1 - f)^{1/(Y-b)} - 1"),
    ("meth_f_ratio", r"\mathrm{CR} = \frac{\mathrm{CAGR}_a}{\mathrm{CAGR}_r}"),
    ("meth_f_path_geometric", r"G(y) = B \times (1 - f)^{(y-b)/(Y-b)}"),
    ("meth_f_path_linear", r"G(y) = B \times \left(1 - f \, \frac{y-b}{Y-b}\right)"),
    ("meth_f_gap", r"\text{%s} = \frac{L}{G(t)} - 1" % ctx.tr("meth_word_gap")),
    ("meth_f_reduction", r"1 - \frac{L}{B}"),
    ("meth_f_projection", r"P(y) = L \times (1 + \mathrm{CAGR}_a)^{\,y-t}"),
    ("meth_f_first_year", r"\left\lceil t + \frac{\ln(T/L)}{\ln(1 + \mathrm{CAGR}_a)} \right\rceil"),
)
for key, formula in FORMULAS:
    text_col, formula_col = st.columns([2, 3], vertical_alignment="center")
    text_col.write(ctx.tr(key))
    with formula_col:
        st.latex(formula)
back = C.SMOOTHING_WINDOW - 1
st.write(ctx.tr("meth_smoothing_rule", window=C.SMOOTHING_WINDOW, back=back, min=C.SMOOTHING_MIN_YEARS,
                search=C.BASELINE_SEARCH_YEARS))

# ---------------------------------------------------------------- status
st.subheader(ctx.tr("meth_status_title"))
thresholds = {"on": threshold(C.ON_TRACK_MIN), "fair": threshold(C.FAIR_PROGRESS_MIN),
              "limited": threshold(C.LIMITED_PROGRESS_MIN)}
order = ("insufficient_data", *[x for x in C.STATUSES if x != "insufficient_data"])
status_rows = pd.DataFrame(
    [(F.status_label(status, lang), ctx.tr("meth_rule_" + status, **thresholds)) for status in order],
    columns=[ctx.tr("meth_col_status"), ctx.tr("meth_col_rule")],
)
st.table(status_rows.set_index(ctx.tr("meth_col_status")))
st.caption(ctx.tr("meth_status_edges"))

# ---------------------------------------------------------------- worked example, from the data
example = ctx.data.indicators.loc[
    (ctx.data.indicators["city_id"] == EXAMPLE_CITY) & (ctx.data.indicators["indicator"] == "homicide_rate")
    & (ctx.data.indicators["series"] == EXAMPLE_SERIES)
].sort_values("year")
city = ctx.city_name(EXAMPLE_CITY)
if len(example) >= 2 and example.iloc[0]["year"] < s.target_year:
    first, last = example.iloc[0], example.iloc[-1]
    b, B, t_year, L = int(first["year"]), float(first["value"]), int(last["year"]), float(last["value"])
    st.subheader(ctx.tr("meth_example_title", city=city, b=b, t=t_year))
    st.write(ctx.tr("meth_example_intro", series=EXAMPLE_SERIES, city=city, b_value=num(B), b=b,
                    t_value=num(L), t=t_year))
    f, Y = s.reduction, s.target_year
    target = B * (1 - f)
    cagr_a = float(M.actual_rate(B, b, L, t_year))
    cagr_r = float(M.required_rate(f, b, Y))
    ratio = cagr_a / cagr_r
    status = str(M.classify([B], [L], [target], [ratio])[0])
    projection = float(M.projected_value(L, t_year, cagr_a, Y))
    path_at_t = float(M.path_value(B, b, t_year, s))
    gap = L / path_at_t - 1
    first_year = float(M.first_year_at_target(target, L, t_year, cagr_a))
    st.latex(rf"T = {latex_number(B)} \times (1 - {latex_number(f, 2)}) = {latex_number(target)}")
    st.latex(rf"\mathrm{{CAGR}}_a = \left(\frac{{{latex_number(L)}}}{{{latex_number(B)}}}\right)^{{1/({t_year}-{b})}} - 1"
             rf" = {latex_percent(cagr_a)}")
    st.latex(rf"\mathrm{{CAGR}}_r = (1 - {latex_number(f, 2)})^{{1/({Y}-{b})}} - 1 = {latex_percent(cagr_r)}")
    st.latex(rf"\mathrm{{CR}} = \frac{{{latex_percent(cagr_a)}}}{{{latex_percent(cagr_r)}}} = {latex_number(ratio, 2)}")
    st.latex(rf"P({Y}) = {latex_number(L)} \times (1 {'+' if cagr_a >= 0 else '-'} {latex_number(abs(cagr_a), 4)})^{{{Y}-{t_year}}}"
             rf" = {latex_number(projection)}")
    st.latex(rf"\text{{{ctx.tr('meth_word_gap')}}} = \frac{{{latex_number(L)}}}{{{latex_number(path_at_t)}}} - 1 = {latex_percent(gap)}")
    if not math.isnan(first_year):
        st.latex(rf"\lceil \ldots \rceil = {int(first_year)}")
    st.write(ctx.tr("meth_example_status", status=F.status_label(status, lang)))
else:
    st.subheader(ctx.tr("meth_example_title", city=city, b="–", t="–"))
    st.info(ctx.tr("meth_example_missing", series=EXAMPLE_SERIES, city=city))

# ---------------------------------------------------------------- uncertainty and rates
st.subheader(ctx.tr("meth_uncertainty"))
level = F.percent(C.POISSON_CONFIDENCE, lang, 0)
alpha = 1 - C.POISSON_CONFIDENCE
st.write(ctx.tr("meth_poisson_text", level=level, small=C.SMALL_NUMBERS_BELOW))
rate_per = latex_number(C.RATE_PER, 0)
st.latex(rf"\text{{{ctx.tr('meth_word_lower')}}} = \frac{{\chi^2_{{{latex_number(alpha / 2, 3)}}}(2k)}}{{2\,p}} \times {rate_per}"
         rf"\qquad \text{{{ctx.tr('meth_word_upper')}}} = \frac{{\chi^2_{{{latex_number(1 - alpha / 2, 3)}}}(2k+2)}}{{2\,p}} \times {rate_per}")
indicators = ctx.data.indicators
main = indicators.loc[(indicators["city_id"] == EXAMPLE_CITY) & (indicators["series"] == C.MAIN_SERIES)]
counts = main.loc[main["indicator"] == "homicides"].set_index("year")["value"]
population = main.loc[main["indicator"] == "population"].set_index("year")["value"]
both = counts.index.intersection(population.index)
if len(both):
    year = int(both.max())
    k, p = float(counts[year]), float(population[year])
    lower, upper = M.poisson_interval(np.array([k]), np.array([p]))
    st.write(ctx.tr("meth_poisson_example", city=city, year=year, count=F.integer(k, lang),
                    population=F.integer(p, lang), rate=num(k / p * C.RATE_PER), level=level,
                    lower=num(lower[0]), upper=num(upper[0])))

st.subheader(ctx.tr("meth_rates"))
st.latex(rf"\text{{{ctx.tr('meth_word_rate')}}} = \frac{{k}}{{p}} \times {rate_per}")
st.write(ctx.tr("meth_rates_text", carry=C.POPULATION_CARRY_YEARS))

st.subheader(ctx.tr("meth_network"))
st.write(ctx.tr("meth_network_text", target_index=num(100 * (1 - s.reduction), 0)))

st.subheader(ctx.tr("meth_caveats"))
st.markdown("\n".join(f"- {ctx.tr(key)}" for key in (
    "meth_caveat_definitions", "meth_caveat_series", "meth_caveat_projection", "meth_caveat_small",
    "meth_caveat_no_data",
)))

# ---------------------------------------------------------------- sources
st.subheader(ctx.tr("meth_sources"))
sources_file = data_file("SOURCES.md")
if sources_file.exists():
    st.caption(ctx.tr("meth_sources_note"))
    text = sources_file.read_text(encoding="utf-8")
    # The file's own title repeats the heading above; its sections become smaller headings.
    body = "\n".join(line for line in text.splitlines() if not line.startswith("# "))
    st.markdown(body.replace("\n## ", "\n#### ").replace("\n### ", "\n##### "))
else:
    st.info(ctx.tr("meth_sources_missing"))
