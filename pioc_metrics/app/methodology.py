"""The Methodology page's sections, rendered from the engine's own constants, formulas and worked examples."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.app import caches
from pioc_metrics.app.context import PageContext
from pioc_metrics.engine.example import EXAMPLE_CITY, poisson_example, worked_example
from pioc_metrics.engine.formulas import required_rate
from pioc_metrics.engine.months import RATIO_CONFIDENCE
from pioc_metrics.paths import data_file
from pioc_metrics.text import escape, months, stories
from pioc_metrics.text import formatting as F
from pioc_metrics.text.labels import indicator_title, lower_first, series_label, value_decimals

# (translation key of the words, the formula in LaTeX); the gap's name is translated, hence "%s".
FORMULAS = (
    ("meth_f_target", r"T = B \times (1 - f)"),
    ("meth_f_actual", r"\mathrm{CAGR}_a = \left(\frac{L}{B}\right)^{1/(t-b)} - 1"),
    ("meth_f_required", r"\mathrm{CAGR}_r = (1 - f)^{1/(Y-b)} - 1"),
    ("meth_f_ratio", r"\mathrm{CR} = \frac{\mathrm{CAGR}_a}{\mathrm{CAGR}_r}"),
    ("meth_f_path_geometric", r"G(y) = B \times (1 - f)^{(y-b)/(Y-b)}"),
    ("meth_f_path_linear", r"G(y) = B \times \left(1 - f \, \frac{y-b}{Y-b}\right)"),
    ("meth_f_gap", r"\text{%s} = \frac{L}{G(t)} - 1"),
    ("meth_f_reduction", r"1 - \frac{L}{B}"),
    ("meth_f_change", r"\frac{L}{B} - 1"),
    ("meth_f_required_now", r"\mathrm{CAGR}_{\mathrm{now}} = \left(\frac{T}{L}\right)^{1/(Y-t)} - 1"),
    ("meth_f_projection", r"P(y) = L \times (1 + \mathrm{CAGR}_a)^{\,y-t}"),
    ("meth_f_first_year", r"\left\lceil t + \frac{\ln(T/L)}{\ln(1 + \mathrm{CAGR}_a)} \right\rceil"),
)
CAVEATS = ("meth_caveat_definitions", "meth_caveat_series", "meth_caveat_projection", "meth_caveat_small",
           "meth_caveat_no_data")


def _num(ctx: PageContext, value, decimals: int = 1) -> str:
    return F.number(value, ctx.lang, decimals)


def _latex_number(ctx: PageContext, value, decimals: int = 1) -> str:
    """A number for st.latex: the language's decimal mark, braced so LaTeX adds no space after a comma."""
    return F.number(value, ctx.lang, decimals).replace(",", "{,}").replace("−", "-")


def _latex_percent(ctx: PageContext, share, decimals: int = 1) -> str:
    return _latex_number(ctx, 100 * share, decimals) + r"\,\%"


def _latex_signed_percent(ctx: PageContext, share, decimals: int = 1) -> str:
    """A change with its sign: +11,7 % is a rise."""
    return ("+" if share > 0 else "") + _latex_percent(ctx, share, decimals)


def intro(ctx: PageContext) -> None:
    """The page's title and the settings in force, with the annual change they require."""
    s = ctx.settings
    st.title(ctx.tr("meth_title"))
    st.write(ctx.tr("meth_intro"))
    st.subheader(ctx.tr("meth_current_settings"))
    st.write(escape.markdown(ctx.settings_line()))
    required_now = float(required_rate(s.reduction, s.network_baseline_year, s.target_year))
    st.write(ctx.tr("meth_required_now", year=s.network_baseline_year,
                    rate=F.percent(required_now, ctx.lang, signed=True)))


def defaults(ctx: PageContext) -> None:
    """Every default of the method, read from the constants, and where a user may change it."""
    sidebar = ctx.tr("meth_sidebar")
    rows = [
        (ctx.tr("meth_param_target"), F.year(C.TARGET_YEAR), sidebar),
        (ctx.tr("meth_param_reduction"), f"{_num(ctx, C.REDUCTION, 2)} ({F.percent(C.REDUCTION, ctx.lang, 0)})",
         ctx.tr("meth_param_reduction_range", low=_num(ctx, C.REDUCTION_MIN), high=_num(ctx, C.REDUCTION_MAX))),
        (ctx.tr("meth_param_baseline"), ctx.tr("meth_param_baseline_default", year=C.DEFAULT_BASELINE_YEAR), sidebar),
        (ctx.tr("meth_param_smoothing"), ctx.tr("smoothing_" + C.SMOOTHING_CHOICES[0]),
         sidebar + ": " + ctx.tr("smoothing_" + C.SMOOTHING_CHOICES[1])),
        (ctx.tr("meth_param_path"), ctx.tr("path_" + C.PATH_CHOICES[0]),
         sidebar + ": " + ctx.tr("path_" + C.PATH_CHOICES[1])),
    ]
    st.subheader(ctx.tr("meth_defaults"))
    columns = [ctx.tr("meth_col_parameter"), ctx.tr("meth_col_default"), ctx.tr("meth_col_where")]
    st.table(pd.DataFrame(rows, columns=columns).set_index(columns[0]))
    st.caption(ctx.tr("meth_why_baseline", year=C.DEFAULT_BASELINE_YEAR))


def formulas(ctx: PageContext) -> None:
    st.subheader(ctx.tr("meth_formulas"))
    st.caption(ctx.tr("meth_symbols"))
    for key, formula in FORMULAS:
        text_column, formula_column = st.columns([2, 3], vertical_alignment="center")
        text_column.write(ctx.tr(key))
        with formula_column:
            st.latex(formula % ctx.tr("meth_word_gap") if "%s" in formula else formula)
    st.write(ctx.tr("meth_smoothing_rule", window=C.SMOOTHING_WINDOW, back=C.SMOOTHING_WINDOW - 1,
                    min=C.SMOOTHING_MIN_YEARS, search=C.BASELINE_SEARCH_YEARS))


def statuses(ctx: PageContext) -> None:
    """Each status with its rule, thresholds from the constants."""
    st.subheader(ctx.tr("meth_status_title"))
    thresholds = {"on": _num(ctx, C.ON_TRACK_MIN, 2), "fair": _num(ctx, C.FAIR_PROGRESS_MIN, 2),
                  "limited": _num(ctx, C.LIMITED_PROGRESS_MIN, 2)}
    order = ("insufficient_data", *[x for x in C.STATUSES if x != "insufficient_data"])
    columns = [ctx.tr("meth_col_status"), ctx.tr("meth_col_rule")]
    rows = [(F.status_label(status, ctx.lang), ctx.tr("meth_rule_" + status, **thresholds)) for status in order]
    st.table(pd.DataFrame(rows, columns=columns).set_index(columns[0]))
    st.caption(ctx.tr("meth_status_edges"))


def example(ctx: PageContext) -> None:
    """The worked example from the city's main series (engine.example): the figures of its city page under the
    settings in force, every step written out."""
    city = ctx.city_name(EXAMPLE_CITY)
    e = worked_example(ctx.data, ctx.table, ctx.settings)
    if e is None:
        st.subheader(ctx.md("meth_example_title", city=city, b="–", t="–"))
        st.info(ctx.md("meth_example_none", city=city))
        return
    b, t = e.baseline_year, e.latest_year
    decimals = value_decimals(ctx.data.catalog, e.indicator)
    st.subheader(ctx.md("meth_example_title", city=city, b=b, t=t))
    st.write(ctx.md("meth_example_from_data", city=city, indicator=indicator_title(ctx.data.catalog, e.indicator,
                                                                                    ctx.lang),
                    source=series_label(C.MAIN_SERIES, e.source, ctx.lang), b=b, t=t,
                    b_value=_num(ctx, e.baseline, decimals), t_value=_num(ctx, e.latest, decimals)))
    for formula in _example_steps(ctx, e, decimals):
        st.latex(formula)
    st.write(ctx.tr("meth_example_status", status=F.status_label(e.status, ctx.lang)))


def _example_steps(ctx: PageContext, e, decimals: int) -> list[str]:
    """Each formula of the method with the example's numbers in it, in the page's number format."""
    n, pct = (lambda v, d=1: _latex_number(ctx, v, d)), (lambda v: _latex_percent(ctx, v))
    b, t, Y, B, L = e.baseline_year, e.latest_year, e.target_year, n(e.baseline, decimals), n(e.latest, decimals)
    sign = "+" if e.cagr_actual >= 0 else "-"
    steps = [
        rf"T = {B} \times (1 - {n(e.reduction, 2)}) = {n(e.target)}",
        rf"\mathrm{{CAGR}}_a = \left(\frac{{{L}}}{{{B}}}\right)^{{1/({t}-{b})}} - 1 = {pct(e.cagr_actual)}",
        rf"\mathrm{{CAGR}}_r = (1 - {n(e.reduction, 2)})^{{1/({Y}-{b})}} - 1 = {pct(e.cagr_required)}",
        rf"\mathrm{{CR}} = \frac{{{pct(e.cagr_actual)}}}{{{pct(e.cagr_required)}}} = {n(e.progress_ratio, 2)}",
        rf"P({Y}) = {L} \times (1 {sign} {n(abs(e.cagr_actual), 4)})^{{{Y}-{t}}} = {n(e.projection)}",
        rf"\text{{{ctx.tr('meth_word_gap')}}} = \frac{{{L}}}{{{n(e.path_at_latest)}}} - 1 = {pct(e.gap_to_path)}",
        rf"\frac{{{L}}}{{{B}}} - 1 = {_latex_signed_percent(ctx, e.change_since_baseline)}",
    ]
    if not math.isnan(e.required_now):
        steps.append(rf"\mathrm{{CAGR}}_{{\mathrm{{now}}}} = \left(\frac{{{n(e.target)}}}{{{L}}}\right)"
                     rf"^{{1/({Y}-{t})}} - 1 = {pct(e.required_now)}")
    if e.first_year_at_target is not None:
        steps.append(rf"\lceil \ldots \rceil = {e.first_year_at_target}")
    return steps


def uncertainty(ctx: PageContext) -> None:
    """The exact Poisson interval of a rate, with the example city's latest year worked out."""
    lang, alpha = ctx.lang, 1 - C.POISSON_CONFIDENCE
    level = F.percent(C.POISSON_CONFIDENCE, lang, 0)
    st.subheader(ctx.tr("meth_uncertainty"))
    st.write(ctx.tr("meth_poisson_text", level=level, small=C.SMALL_NUMBERS_BELOW))
    rate_per = _latex_number(ctx, C.RATE_PER, 0)
    st.latex(rf"\text{{{ctx.tr('meth_word_lower')}}} = "
             rf"\frac{{\chi^2_{{{_latex_number(ctx, alpha / 2, 3)}}}(2k)}}{{2\,p}}"
             rf" \times {rate_per}\qquad \text{{{ctx.tr('meth_word_upper')}}} = "
             rf"\frac{{\chi^2_{{{_latex_number(ctx, 1 - alpha / 2, 3)}}}(2k+2)}}{{2\,p}} \times {rate_per}")
    e = poisson_example(ctx.data)
    if e is not None:
        st.write(ctx.md("meth_poisson_example", city=ctx.city_name(e.city_id), year=e.year,
                        count=F.integer(e.count, lang), population=F.integer(e.population, lang),
                        rate=_num(ctx, e.rate), level=level, lower=_num(ctx, e.lower), upper=_num(ctx, e.upper)))


def rates_and_network(ctx: PageContext) -> None:
    st.subheader(ctx.tr("meth_rates"))
    st.latex(rf"\text{{{ctx.tr('meth_word_rate')}}} = \frac{{k}}{{p}} \times {_latex_number(ctx, C.RATE_PER, 0)}")
    st.write(ctx.tr("meth_rates_text", carry=C.POPULATION_CARRY_YEARS))
    st.subheader(ctx.tr("meth_network"))
    st.write(ctx.tr("meth_network_text", target_index=_num(ctx, 100 * (1 - ctx.settings.reduction), 0)))


def months_section(ctx: PageContext) -> None:
    """Months and the year so far (methodology v2), with the example of the city whose months reach furthest."""
    lang = ctx.lang
    level = F.percent(RATIO_CONFIDENCE, lang, 0)
    st.subheader(ctx.tr("meth_months"))
    st.write(ctx.tr("meth_months_text"))
    tail = (1 - RATIO_CONFIDENCE) / 2
    st.latex(r"p = \frac{a}{a+b},\qquad [p_{lo},\,p_{hi}] = \left[B_{" + _latex_number(ctx, tail, 3)
             + r"}(a,\,b+1),\ B_{" + _latex_number(ctx, 1 - tail, 3)
             + r"}(a+1,\,b)\right],\qquad \frac{a}{b} \in \left[\frac{p_{lo}}{1-p_{lo}},\ "
             r"\frac{p_{hi}}{1-p_{hi}}\right]")
    st.write(ctx.tr("meth_months_clear", level=level))
    ytd = caches.year_to_date_cached(ctx.data_key, _data=ctx.data)
    ytd = ytd.loc[ytd["ytd"].notna() & ytd["ytd_previous"].notna() & ytd["ratio_low"].notna()]
    if not len(ytd):
        return
    e = ytd.assign(_end=ytd["year"] * 12 + ytd["through_month"], _other=ytd["indicator"] != "homicides").sort_values(
        ["_end", "_other", "city_id", "indicator"], ascending=[False, True, True, True], kind="stable").iloc[0]
    high = _num(ctx, e["ratio_high"], 2) if math.isfinite(e["ratio_high"]) else "∞"
    st.write(ctx.md("meth_months_example", city=ctx.city_name(e["city_id"]),
                    indicator=lower_first(ctx.indicator_label(e["indicator"])),
                    span=months.months_span(e["year"], e["through_month"], lang), a=F.integer(e["ytd"], lang),
                    b=F.integer(e["ytd_previous"], lang), ratio=_num(ctx, e["ytd"] / e["ytd_previous"], 2),
                    level=level, low=_num(ctx, e["ratio_low"], 2), high=high,
                    verdict=ctx.tr("ytd_cell_clear") if bool(e["clear"]) else ctx.tr("ytd_cell_chance")))


def caveats(ctx: PageContext) -> None:
    st.subheader(ctx.tr("meth_caveats"))
    st.markdown("\n".join(f"- {ctx.tr(key)}" for key in CAVEATS))


def sources(ctx: PageContext) -> None:
    """The shipped data's SOURCES.md, its sections as smaller headings (the file is ours, kept as markdown)."""
    st.subheader(ctx.tr("meth_sources"))
    sources_file = data_file("SOURCES.md")
    if not sources_file.exists():
        st.info(ctx.tr("meth_sources_missing"))
        return
    st.caption(ctx.tr("meth_sources_note"))
    text = sources_file.read_text(encoding="utf-8")
    # The file's own title repeats the heading above.
    body = "\n".join(line for line in text.splitlines() if not line.startswith("# "))
    st.markdown(body.replace("\n## ", "\n#### ").replace("\n### ", "\n##### "))


def stories_section(ctx: PageContext) -> None:
    """Events on the charts, the years before and after a practice's start, and the rule for peers, from the
    constants the engine uses; with the first practice that can be compared computed as an example."""
    lang = ctx.lang
    st.subheader(ctx.tr("methodology_stories_title"))
    st.write(ctx.tr("methodology_events"))
    st.write(ctx.tr("methodology_before_after", years=C.BEFORE_AFTER_YEARS,
                    level=F.percent(C.RATIO_CONFIDENCE, lang, 0)))
    compared = caches.before_after_cached(ctx.data_key, _data=ctx.data)
    compared = compared.loc[compared["reason"] == ""]
    if len(compared):
        example = compared.iloc[0]
        practices = ctx.data.practices.set_index("practice_id")
        heading = ctx.tr("methodology_before_after_example", city=ctx.city_name(example["city_id"]),
                         practice=stories.practice_title(practices.loc[example["practice_id"]], lang))
        lines = stories.before_after_lines(example, lang)
        st.markdown(f"*{escape.markdown(heading)}*\n\n" + "\n".join(f"- {escape.markdown(line)}" for line in lines))
    st.write(ctx.tr("methodology_peers", level_low=F.number(1 / C.PEER_LEVEL_RATIO, lang, 1),
                    level_high=F.number(C.PEER_LEVEL_RATIO, lang, 1),
                    size_low=F.number(1 / C.PEER_SIZE_RATIO, lang, 1),
                    size_high=F.number(C.PEER_SIZE_RATIO, lang, 1), shown=C.PEERS_SHOWN))
