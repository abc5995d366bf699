"""BASIL (Bias Annotation Spans on the Informational Level), v1: ../shared/data/corpora/basil.

Source: Fan et al., "In Plain Sight: Media Bias Through the Lens of Factual Reporting",
EMNLP 2019; repo marshallwhiteorg/emnlp19-media-bias (emnlp19-BASIL.zip). Licence: none
stated; research use, cite the paper; article texts are the publishers' (Fox News, New York
Times, HuffPost): never redistribute or copy them into this project. This copy holds 87 of
the 100 event triplets (the others are in gold-dev or the held-out evaluation).

Read: `data/<index>_<source>.json` (or `*.json` in the folder given), one article each:
`source` (fox|nyt|hpo, sometimes upper-case in the file name), `title`, `body` = sentences
in order, each `{sentence, sentence-index, annotations: [{start, end, bias:
Lexical|Informational, quote: Yes|No, text, ...}]}`.

Articles: `basil:<index>_<source>` (the ids gold-dev uses), source "Fox News" / "New York
Times" / "HuffPost", sentences in `sentence-index` order. The title is not a body sentence
and is left out (gold-dev's BASIL articles are body-only too). Empty sentences (a stray
`''` at the end of a few Fox articles) are skipped.

Mapping, per sentence, first rule that applies (`heuristics.factual_label`: quotation of 3+
words, said/told/according to/..., `Speaker: ...` headline):
1. a Lexical span with quote=No (the writer's loaded wording) -> editorial_framing, unless
   every such span is only a vivid verb of saying ("slammed", "tore into", "assailed"),
   which LABELS.md counts as attribution: then rule 3 applies;
2. an Informational span with quote=No -> None (informational bias is a choice of what to
   report: the sentence may be a plain fact, an attribution or the writer's speculation);
3. any span with quote=Yes (the bias sits in a quotation) -> attributed_quote;
4. no span -> attributed_quote if the sentence carries attribution, else neutral_reporting.

Known noise: BASIL marks only bias aimed at the article's main entities, so framing aimed at
anyone else, and the writer's speculation about consequences or prospects, sit in
unannotated sentences and come out neutral_reporting; rule 4's split is
a surface heuristic. BASIL's Lexical spans include vivid verbs of saying beyond the list in
`heuristics.VIVID_SAYING` (figurative phrasings of an exchange of words), which become
editorial_framing here.
quote=Yes marks a biased span inside a quote, and the writer's framing elsewhere in that
sentence (if not marked Lexical/No) is missed. Three annotators, each article annotated by
one with adjudication; no per-sentence agreement figures.
"""

from __future__ import annotations

from pathlib import Path

from . import DataError, LabelledArticle, check_label, check_text
from .articles import read_json_object
from .heuristics import EDITORIAL, QUOTE, factual_label, is_vivid_saying

OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


def json_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    folder = path / "data" if (path / "data").is_dir() else path
    files = sorted(folder.glob("*.json"))
    if not files:
        raise DataError(f"{path}: no BASIL .json files (looked in {folder})")
    return files


def map_label(sentence: str, annotations: list[dict], where: str) -> str | None:
    kinds = []
    for annotation in annotations:
        if not isinstance(annotation, dict):
            raise DataError(f"{where}: an annotation must be an object")
        bias, quote = str(annotation.get("bias", "")).strip(), str(annotation.get("quote", "")).strip()
        if bias not in ("Lexical", "Informational") or quote not in ("Yes", "No"):
            raise DataError(f"{where}: unknown annotation bias={bias!r} quote={quote!r}")
        kinds.append((bias, quote, str(annotation.get("text", ""))))
    lexical_own = [text for bias, quote, text in kinds if bias == "Lexical" and quote == "No"]
    if any(not is_vivid_saying(text) for text in lexical_own):
        return EDITORIAL
    if any(bias == "Informational" and quote == "No" for bias, quote, _ in kinds):
        return None
    if lexical_own or any(quote == "Yes" for _, quote, _ in kinds):
        return QUOTE
    return factual_label(sentence)


def load(path: Path) -> list[LabelledArticle]:
    articles = []
    for file in json_files(path):
        row = read_json_object(file, "body")
        code = str(row.get("source") or file.stem.rsplit("_", 1)[-1]).strip().lower()
        key = f"basil:{file.stem.rsplit('_', 1)[0]}_{code}"
        body = sorted(row["body"], key=lambda s: s.get("sentence-index", 0) if isinstance(s, dict) else 0)
        sentences, labels = [], []
        for k, item in enumerate(body):
            where = f"{file} sentence {item.get('sentence-index', k) if isinstance(item, dict) else k}"
            if not isinstance(item, dict):
                raise DataError(f"{where}: a sentence must be an object")
            raw = item.get("sentence")
            if isinstance(raw, str) and not raw.strip(" \t\n'\"’‘“”"):
                continue  # empty or a stray quote mark: no sentence
            text = check_text(raw, where).strip()
            label = map_label(text, item.get("annotations") or [], where)
            sentences.append(text)
            labels.append(None if label is None else check_label(label, where))
        if sentences:
            articles.append(LabelledArticle(key, OUTLETS.get(code, code), sentences, labels))
    return articles
