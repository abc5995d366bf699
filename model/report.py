"""One self-contained HTML report from a `framelens score` results folder.

No network and no external assets: inline CSS, the overview chart as inline SVG (matplotlib,
Agg), and the same chart saved as a PNG beside the HTML file for papers. Every sentence of
every article is shown, coloured by label with a non-colour cue (underline style and marker)
and its probabilities on hover and on keyboard focus.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from .io import atomic_open, json_objects, write_text_atomic
from .labels import LABELS
from .profiles import build_profiles
from .scores import ArticleScore, SentenceScore

# Okabe-Ito: blue / orange / vermillion differ in hue and lightness for common colour-vision deficiencies.
COLOURS = {"neutral_reporting": "#0072B2", "attributed_quote": "#E69F00", "editorial_framing": "#D55E00"}
WHISKER = {"neutral_reporting": "#004f7a", "attributed_quote": "#b07800", "editorial_framing": "#a33f00"}
INK = {"neutral_reporting": "white", "attributed_quote": "black", "editorial_framing": "black"}
HATCHES = {"neutral_reporting": "", "attributed_quote": "///", "editorial_framing": ".."}
SHORT = {"neutral_reporting": "neutral", "attributed_quote": "quote", "editorial_framing": "editorial"}
CLASS = {"neutral_reporting": "n", "attributed_quote": "q", "editorial_framing": "e"}
CUE = {"neutral_reporting": "blue tint, no underline", "attributed_quote": "orange tint, dashed underline, Q marker",
       "editorial_framing": "vermillion tint, solid underline, E marker"}
MAX_EVENT_GROUPS = 8


class ReportError(ValueError):
    """A results folder the report cannot be built from (one line: the file and the problem)."""


def esc(value) -> str:
    return html.escape(str(value), quote=True)


# ---- reading and checking the results folder ----

def _read_text(path: Path) -> str:
    if not path.is_file():
        raise ReportError(f"{path}: missing from the results folder (run `framelens score` first)")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"{path}: cannot be read ({error})") from None


def _read_jsonl(path: Path, required: dict[str, type]) -> list[dict]:
    rows = []
    for number, row in json_objects(_read_text(path), path, ReportError):
        for key, kind in required.items():
            if not isinstance(row.get(key), kind):
                raise ReportError(f"{path}:{number}: field '{key}' missing or not {kind.__name__}")
        row["_line"] = number
        rows.append(row)
    return rows


def _profile_problem(profile) -> str | None:
    try:
        int(profile["articles"]), int(profile["sentences"]), int(profile.get("quotes", 0))
        for label in LABELS:
            interval = profile["article_shares"][label]
            float(interval["estimate"]), float(interval["low"]), float(interval["high"])
            float(profile["mean_probability"][label]), float(profile["label_shares"][label]), int(profile["label_counts"][label])
        for sentence in profile.get("top_editorial", []):
            str(sentence["text"]), str(sentence["article_id"]), float(sentence["probability"])
        for name, count in profile.get("top_speakers", []):
            int(count)
        for difference in profile.get("event_differences", []):
            str(difference["event"]), list(difference["other_sources"])
            for label in LABELS:
                interval = difference["share_difference"][label]
                float(interval["estimate"]), float(interval["low"]), float(interval["high"])
    except KeyError as error:
        return f"missing field {error}"
    except (TypeError, ValueError, AttributeError) as error:
        return f"malformed field ({error})"
    return None


def load_results(results_dir: Path) -> tuple[dict, list[dict], dict[str, list[dict]]]:
    """(profiles.json payload, articles in file order, sentences by article id in index order)."""
    if not results_dir.is_dir():
        raise ReportError(f"{results_dir}: results folder not found")
    path = results_dir / "profiles.json"
    try:
        payload = json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise ReportError(f"{path}: invalid JSON ({error.msg} at line {error.lineno})") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("profiles"), dict):
        raise ReportError(f"{path}: no 'profiles' object (not written by `framelens score`?)")
    if list(payload.get("labels", LABELS)) != list(LABELS):
        raise ReportError(f"{path}: labels {payload.get('labels')} differ from this version's {list(LABELS)}")
    for source, profile in payload["profiles"].items():
        problem = _profile_problem(profile) if isinstance(profile, dict) else "not an object"
        if problem:
            raise ReportError(f"{path}: profile of source '{source}': {problem}")
    articles_path, sentences_path = results_dir / "articles.jsonl", results_dir / "sentences.jsonl"
    articles = _read_jsonl(articles_path, {"article_id": str, "source": str})
    ids = Counter(article["article_id"] for article in articles)
    for article in articles:
        if ids[article["article_id"]] > 1:
            raise ReportError(f"{articles_path}:{article['_line']}: article_id '{article['article_id']}' appears twice")
        if article["source"] not in payload["profiles"]:
            raise ReportError(f"{path}: no profile for source '{article['source']}' named in {articles_path.name}")
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in _read_jsonl(sentences_path, {"article_id": str, "text": str, "label": str, "probabilities": dict, "index": int}):
        where = f"{sentences_path}:{row['_line']}"
        if row["article_id"] not in ids:
            raise ReportError(f"{where}: article_id '{row['article_id']}' is not in {articles_path.name}")
        if row["label"] not in LABELS:
            raise ReportError(f"{where}: unknown label '{row['label']}'")
        if not all(isinstance(row["probabilities"].get(label), (int, float)) for label in LABELS):
            raise ReportError(f"{where}: 'probabilities' lacks a number for each of {', '.join(LABELS)}")
        by_article[row["article_id"]].append(row)
    for rows in by_article.values():
        rows.sort(key=lambda row: row["index"])
    return payload, articles, by_article


# ---- the overview chart ----

def _shares(article_shares: dict) -> dict[str, tuple[float, float, float]]:
    return {label: (article_shares[label]["estimate"], article_shares[label]["low"], article_shares[label]["high"]) for label in LABELS}


def chart_groups(profiles: dict, articles: list[dict], by_article: dict) -> list[tuple[str | None, list]]:
    """[(group title, [(source, shares, n_articles)])]: one group per event covered by two or more
    sources (shares over that event's articles), then sources not yet shown with all their articles."""
    events: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for article in articles:
        if article.get("event"):
            events[str(article["event"])][article["source"]].append(article)
    shared = sorted((e for e in events if len(events[e]) >= 2), key=lambda e: (-sum(map(len, events[e].values())), e))
    n_articles = Counter(article["source"] for article in articles)
    groups, shown_whole = [], set()
    for event in shared[:MAX_EVENT_GROUPS]:
        covering = events[event]
        partial = [a for source in covering if len(covering[source]) < n_articles[source] for a in covering[source]]
        computed = build_profiles([_article_score(a, by_article) for a in partial]) if partial else {}
        rows = []
        for source in sorted(covering):
            whole = len(covering[source]) == n_articles[source]
            shown_whole |= {source} if whole else set()
            shares = profiles[source]["article_shares"] if whole else computed[source].to_dict()["article_shares"]
            rows.append((source, _shares(shares), len(covering[source])))
        groups.append((f"Event: {event}", rows))
    rest = [(s, _shares(p["article_shares"]), p["articles"]) for s, p in profiles.items() if s not in shown_whole]
    if rest:
        groups.append(("All events (each source's articles)" if groups else None, rest))
    return groups


def _article_score(article: dict, by_article: dict) -> ArticleScore:
    sentences = [SentenceScore(r["index"], r.get("start", 0), r.get("end", 0), r["text"], r["label"], r["probabilities"], r.get("speaker"))
                 for r in by_article.get(article["article_id"], [])]
    return ArticleScore(article["article_id"], article["source"], sentences, event=article.get("event"))


def overview_figure(groups):
    """Stacked bars of the three shares per source; under each bar, one whisker per label (its 95%
    interval drawn at the segment's movable edge: the right edge, the left edge for the last label)."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import PercentFormatter

    n_titles = sum(1 for title, _ in groups if title)
    n_rows = sum(len(rows) for _, rows in groups)
    fig = Figure(figsize=(5.2, 0.95 + 0.45 * n_titles + 0.78 * n_rows))
    ax = fig.add_subplot()
    y = 0.0
    for title, rows in groups:
        if title:
            y += 0.3 if y else 0.0
            ax.text(0, y, title, fontweight="bold", ha="left", va="center", fontsize=12)
            y += 0.6
        for source, shares, n in rows:
            ax.text(0, y, f"{source}  ({n} article{'s' if n != 1 else ''})", ha="left", va="center", fontsize=11.5)
            bar = y + 0.5
            left = 0.0
            for k, label in enumerate(LABELS):
                estimate, low, high = shares[label]
                ax.barh(bar, estimate, left=left, height=0.5, color=COLOURS[label], hatch=HATCHES[label], edgecolor="white", linewidth=0.6)
                if estimate >= 0.09:
                    ax.text(left + estimate / 2, bar, f"{estimate:.0%}", ha="center", va="center", fontsize=9.5, color=INK[label],
                            bbox={"boxstyle": "round,pad=0.15", "facecolor": COLOURS[label], "edgecolor": "none"})
                last = k == len(LABELS) - 1
                edge = left if last else left + estimate
                span = (left + estimate - high, left + estimate - low) if last else (left + low, left + high)
                ax.errorbar(edge, bar + 0.36 + 0.11 * k, xerr=[[max(edge - span[0], 0)], [max(span[1] - edge, 0)]], fmt="|",
                            color=WHISKER[label], markersize=5, elinewidth=1.4, capsize=2.5, capthick=1.4)
                left += estimate
            y += 1.35
    ax.set_yticks([])
    ax.set_ylim(y - 0.05, -0.45)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel("share of sentences (mean over articles)", fontsize=11)
    ax.tick_params(axis="x", labelsize=10.5)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor=COLOURS[label], hatch=HATCHES[label], edgecolor="white", label=SHORT[label]) for label in LABELS]
    handles.append(Line2D([], [], color="#333333", marker="|", markersize=8, linewidth=1.4, label="95% CI"))
    fig.legend(handles=handles, loc="upper center", ncol=4, frameon=False, bbox_to_anchor=(0.5, 1.0),
               handlelength=1.6, columnspacing=1.0, fontsize=10.5)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.35 / fig.get_figheight()))
    return fig


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", svg).replace("xlink:href=", "href=")
    return re.sub(r'<svg\s+width="[^"]*"\s+height="[^"]*"', '<svg class="chart" role="img" aria-labelledby="chart-caption"', svg, count=1)


# ---- HTML ----

CSS = """
:root{--n:#0072B2;--q:#E69F00;--e:#D55E00}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:62rem;margin:0 auto;padding:1rem 1.25rem 4rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #ddd}h3{font-size:1.1rem;margin:.3rem 0}
.muted{color:#555;font-size:.92rem}
figure{margin:1rem 0}.chart{width:100%;max-width:38rem;height:auto;display:block;margin:0 auto}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
th,td{padding:.3rem .6rem;border-bottom:1px solid #e3e3e3;text-align:right;vertical-align:bottom}td{white-space:nowrap;vertical-align:top}
th:first-child,td:first-child,td.ev,td.ev+td,th.l{text-align:left}td.ev{white-space:normal;min-width:7rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;padding:0;list-style:none;font-size:.92rem}
.sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.3em}
.sw.n{background:var(--n)}.sw.q{background:var(--q)}.sw.e{background:var(--e)}
.s{border-radius:3px;padding:.05em .1em;-webkit-box-decoration-break:clone;box-decoration-break:clone;text-underline-offset:.22em}
.s.n{background:#0072B21f}
.s.q{background:#E69F0040;text-decoration:underline dashed 2px #8a5a00}
.s.e{background:#D55E0030;text-decoration:underline solid 2px #9c3f00}
.s.q::before,.s.e::before{font-size:.68em;font-weight:700;border:1px solid currentColor;border-radius:3px;padding:0 .2em;margin-right:.25em;vertical-align:.15em;display:inline-block;line-height:1.2}
.s.q::before{content:"Q";color:#7a4f00}.s.e::before{content:"E";color:#9c3f00}
.s:focus{outline:2px solid #000;outline-offset:1px}
.s:hover::after,.s:focus::after{content:attr(data-p);position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);width:max-content;max-width:calc(100vw - 2rem);background:#1a1a1a;color:#fff;padding:.45rem .8rem;border-radius:.4rem;font-size:.9rem;font-weight:400;text-decoration:none;z-index:10;pointer-events:none;box-shadow:0 2px 8px #0005}
article{border:1px solid #e3e3e3;border-radius:.5rem;padding:.8rem 1rem;margin:1rem 0}
article p{margin:.6rem 0 0;line-height:1.75}
summary{cursor:pointer}summary h4{display:inline;font-size:1.05rem}
.mini{display:flex;height:.5rem;border-radius:3px;overflow:hidden;margin:.35rem 0;max-width:20rem}
.mini i{display:block}.mini .n{background:var(--n)}.mini .q{background:var(--q)}.mini .e{background:var(--e)}
blockquote{margin:.4rem 0 .8rem;padding:.2rem .8rem;border-left:4px solid var(--e);background:#fbf3ee}
nav ul{padding-left:1.2rem}
@media (max-width:600px){body{font-size:15px}table{font-size:.85rem}.wide{display:none}main{padding:.6rem .7rem 4rem}th,td{padding:.25rem .4rem}article{padding:.6rem .7rem}}
@media print{.s:hover::after,.s:focus::after{display:none}}
"""


def _interval(i: dict, signed: bool = False) -> str:
    if signed:
        return f"{i['estimate']:+.2f} ({i['low']:+.2f} to {i['high']:+.2f})".replace("-", "\u2212")
    return f"{i['estimate']:.2f} ({i['low']:.2f}–{i['high']:.2f})"


def _legend() -> str:
    items = "".join(f'<li><span class="s {CLASS[l]}">{esc(SHORT[l])}</span> <span class="muted">{esc(l)}: {esc(CUE[l])}</span></li>' for l in LABELS)
    return f'<ul class="legend" aria-label="legend">{items}</ul>'


def _source_section(number: int, source: str, p: dict, anchors: dict[str, str], titles: dict[str, str]) -> str:
    rows = "".join(
        f"<tr><td>{_swatch(l)}{esc(SHORT[l])}</td><td>{p['label_counts'][l]}</td><td class=\"wide\">{p['label_shares'][l]:.2f}</td>"
        f"<td>{_interval(p['article_shares'][l])}</td><td>{p['mean_probability'][l]:.2f}</td></tr>" for l in LABELS)
    out = [f'<section id="source-{number}"><h2>{esc(source)}</h2>',
           f'<p>{p["articles"]} article(s), {p["sentences"]} sentence(s).</p>',
           '<div class="scroll"><table><thead><tr><th>label</th><th>sentences</th><th class="wide">share of sentences</th>'
           f'<th>share per article (95% CI)</th><th>mean prob.</th></tr></thead><tbody>{rows}</tbody></table></div>']
    if p.get("event_differences"):
        cells = []
        for d in p["event_differences"]:
            versus = f'{esc(d["event"])}<br><span class="muted">vs {esc(", ".join(map(str, d["other_sources"])))}</span>'
            for k, l in enumerate(LABELS):
                first = f'<td rowspan="{len(LABELS)}" class="ev">{versus}</td>' if k == 0 else ""
                cells.append(f"<tr>{first}<td>{_swatch(l)}{esc(SHORT[l])}</td><td>{_difference(d['share_difference'][l])}</td></tr>")
        out += ['<h3>Same-event differences</h3><p class="muted">This source minus the others on the same event, share per '
                'article with 95% interval; <strong>bold</strong>: the interval excludes 0.</p>',
                '<div class="scroll"><table><thead><tr><th>event</th><th class="l">label</th><th>difference (95% CI)</th></tr></thead>'
                f'<tbody>{"".join(cells)}</tbody></table></div>']
    editorial = p.get("top_editorial", [])
    out.append("<h3>Most editorial sentences</h3>" + ("".join(
        f'<blockquote>{esc(s["text"])}<br><span class="muted">p(editorial) = {s["probability"]:.2f} · '
        f'<a href="#{anchors.get(s["article_id"], "")}">{esc(titles.get(s["article_id"]) or s["article_id"])}</a></span></blockquote>' for s in editorial)
        or '<p class="muted">No sentence labelled editorial.</p>'))
    speakers = "".join(f"<li>{esc(name)} ({count})</li>" for name, count in p.get("top_speakers", []))
    unnamed = p.get("unnamed_quote_share")
    out.append(f'<h3>Quoted speakers</h3><p>{p.get("quotes", 0)} quote sentence(s); unnamed-quote share: '
               f'{"n/a" if unnamed is None else f"{unnamed:.0%}"} <span class="muted">(of quotes with a detected speaker)</span></p>'
               + (f"<ol>{speakers}</ol>" if speakers else '<p class="muted">No named speaker detected.</p>') + "</section>")
    return "\n".join(out)


def _swatch(label: str) -> str:
    return f'<span class="sw {CLASS[label]}" aria-hidden="true"></span>'


def _difference(i: dict) -> str:
    text = esc(_interval(i, signed=True))
    return f"<strong>{text}</strong>" if i["low"] > 0 or i["high"] < 0 else text


def _sentence(row: dict) -> str:
    probabilities = ", ".join(f"{SHORT[l]} {row['probabilities'][l]:.2f}" for l in LABELS)
    speaker = f"; speaker: {row['speaker']}" if row.get("speaker") else ""
    described = f"{SHORT[row['label']]} ({probabilities}{speaker})"
    return (f'<span class="s {CLASS[row["label"]]}" tabindex="0" role="group" aria-label="{esc(described)}" '
            f'data-p="{esc(described)}">{esc(row["text"])}</span>')


def _article(anchor: str, article: dict, sentences: list[dict], open_: bool) -> str:
    counts = Counter(row["label"] for row in sentences)
    total = max(len(sentences), 1)
    mini = "".join(f'<i class="{CLASS[l]}" style="width:{100 * counts[l] / total:.1f}%"></i>' for l in LABELS)
    meta = " · ".join(esc(x) for x in (article["source"], article.get("event"), article.get("date"), article["article_id"]) if x)
    tally = ", ".join(f"{counts[l]} {SHORT[l]}" for l in LABELS)
    heading = esc(article["title"]) if article.get("title") else f'{esc(article["article_id"])} <span class="muted">(no title)</span>'
    body = " ".join(_sentence(row) for row in sentences) or '<span class="muted">No sentences.</span>'
    return (f'<article id="{anchor}"><details{" open" if open_ else ""}><summary><h4>{heading}</h4></summary>'
            f'<p class="muted">{meta} · {len(sentences)} sentence(s): {tally}</p><div class="mini" aria-hidden="true">{mini}</div>'
            f"<p>{body}</p></details></article>")


def render_html(payload: dict, articles: list[dict], by_article: dict, svg: str, png_name: str) -> str:
    profiles = payload["profiles"]
    anchors = {a["article_id"]: f"article-{i}" for i, a in enumerate(articles, 1)}
    event_order = {e: i for i, e in enumerate(dict.fromkeys(str(a.get("event") or "") for a in articles))}
    ordered = sorted(articles, key=lambda a: (not a.get("event"), event_order[str(a.get("event") or "")]))
    failed = payload.get("failed_inputs") or []
    parts = [f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
             f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>framelens report</title>'
             f"<style>{CSS}</style></head><body><main>",
             f'<h1>framelens report</h1><p>{len(profiles)} source(s), {len(articles)} article(s), '
             f'{sum(len(v) for v in by_article.values())} sentence(s). Every sentence is labelled '
             f'{", ".join(esc(l) for l in LABELS)}.</p>', _legend()]
    if failed:
        parts.append(f'<details><summary>{len(failed)} input(s) failed</summary><ul>'
                     + "".join(f"<li>{esc(f)}</li>" for f in failed) + "</ul></details>")
    nav = "".join(f'<li><a href="#source-{i}">{esc(s)}</a></li>' for i, s in enumerate(profiles, 1))
    parts.append(f'<nav><ul>{nav}<li><a href="#articles">Articles</a></li></ul></nav>'
                 f'<section><h2>Overview</h2><figure>{svg}<figcaption id="chart-caption" class="muted">Share of each label per '
                 'source (mean over its articles), sources that covered the same event side by side. Whiskers: 95% bootstrap '
                 "interval of each share, drawn at the segment's movable edge (the right edge; the left edge for editorial). "
                 f"Chart also saved as {esc(png_name)}.</figcaption></figure></section>")
    titles = {a["article_id"]: a.get("title") for a in articles}
    parts += [_source_section(i, s, p, anchors, titles) for i, (s, p) in enumerate(profiles.items(), 1)]
    parts.append('<section id="articles"><h2>Articles</h2><p class="muted">Hover over or focus (Tab) a sentence '
                 'for its label probabilities.</p>' + _legend())
    current = None
    for article in ordered:
        if article.get("event") != current:
            current = article.get("event")
            parts.append(f"<h3>Event: {esc(current)}</h3>" if current else "<h3>No event</h3>")
        parts.append(_article(anchors[article["article_id"]], article, by_article.get(article["article_id"], []), len(articles) <= 20))
    parts.append("</section></main></body></html>\n")
    return "\n".join(parts)


def chart_path(html_path: Path) -> Path:
    """Where the overview chart's PNG goes beside a report."""
    return html_path.with_name(f"{html_path.stem}-overview.png")


def write_report(results_dir: Path, out_file: Path) -> Path:
    """Write the HTML report (and `<stem>-overview.png` beside it); returns the HTML path."""
    import matplotlib

    results_dir, out_file = Path(results_dir), Path(out_file)
    payload, articles, by_article = load_results(results_dir)
    if not out_file.parent.is_dir():
        raise ReportError(f"{out_file.parent}: output folder does not exist")
    png_path = chart_path(out_file)
    groups = chart_groups(payload["profiles"], articles, by_article)
    svg = '<p class="muted">No articles were scored: nothing to chart.</p>'
    if groups:
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "framelens", "font.family": "sans-serif", "hatch.linewidth": 0.8}):
            fig = overview_figure(groups)
            svg = _svg(fig)
            png = io.BytesIO()
            fig.savefig(png, format="png", dpi=200, bbox_inches="tight", metadata={"Software": None})
        with atomic_open(png_path, "wb") as handle:
            handle.write(png.getvalue())
    write_text_atomic(out_file, render_html(payload, articles, by_article, svg, png_path.name))
    return out_file
