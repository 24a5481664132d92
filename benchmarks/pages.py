"""Digests of real web pages against people's judgements of what is the article.

Usage (the development page set is read by path, never copied):
    .venv/bin/python benchmarks/pages.py PAGES_DIR [--dump records.jsonl] [--limit N]

``PAGES_DIR`` holds ``evaldata.jsonl`` and the gzipped pages it names; each
record lists ``with`` snippets (text of the article) and ``without`` snippets
(text on the page that is not the article). For every page this loads the
HTML as the command does, digests it, and counts:

* pages whose headline, summary, facts or keywords contain a ``without``
  snippet (a plain substring test after normalising white space; goal 0);
* pages whose summary shares no sentence with the page's paragraphs that hold
  the ``with`` snippets, and (a looser test of the same) pages whose summary
  shares no sentence with the smallest block of the page that holds all of
  them (the article itself was missed);
* pages refused as having no article text, by reason;
* what the page check dropped, by reason, and how many of those blocks hold
  a ``with`` snippet (article text lost) or a ``without`` snippet.

``without`` snippets are short, and some are also words of the article
("Wohnen", a name): the count "unambiguous" leaves out snippets that also
occur in a paragraph holding a ``with`` snippet, and "headline" hits are
given apart (people judged the page title as not part of the main text, but
it is the page's headline).

``--set include_tables=true`` (repeatable) changes one of trafilatura's
settings for the run, to compare them on the same pages.

``--dump`` writes one JSON line per page (status, headline, summary, hits)
for reading the failures by hand.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

import lxml.html

from newsdigest import digest
from newsdigest.errors import InputError
from newsdigest.pipeline import load
from newsdigest.pipeline.extract import Extracted, extract

try:
    from newsdigest.pipeline.extract import TRAFILATURA_SETTINGS
except ImportError:  # an older newsdigest, measured for a before/after comparison
    TRAFILATURA_SETTINGS = {}

#: What the page check dropped from the page being measured, by reason.
_DROPPED: list[tuple[str, str]] = []


def _recording_extract(html: str, *, url: str | None = None) -> Extracted | None:
    extracted = extract(html, url=url)
    _DROPPED.extend(getattr(extracted, "dropped", ()))
    return extracted


load.extract = _recording_extract  # type: ignore[assignment]  # the benchmark's window on the page check

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "dd", "figcaption", "pre", "div"}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def with_paragraphs(data: bytes, snippets: list[str]) -> list[str]:
    """The text of the smallest block of the page holding each ``with`` snippet."""
    try:
        tree = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return []
    found: list[str] = []
    wanted = [_key(s) for s in snippets if _key(s)]
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCKS:
            continue
        text = _key(element.text_content())
        for snippet in wanted:
            if snippet in text:
                found.append(text)
    # keep the smallest: a block none of whose descendants already holds the snippet
    found.sort(key=len)
    smallest: list[str] = []
    for snippet in wanted:
        smallest.extend(next(([text] for text in found if snippet in text), []))
    return smallest


def article_block(data: bytes, snippets: list[str]) -> str | None:
    """The text of the smallest block of the page that holds every ``with`` snippet: the article."""
    try:
        tree = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return None
    wanted = [_key(s) for s in snippets if _key(s)]
    best: str | None = None
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        text = _key(element.text_content())
        if all(snippet in text for snippet in wanted) and (best is None or len(text) < len(best)):
            best = text
    return best


def shares_a_sentence(summary: list[str], paragraphs: list[str]) -> bool:
    for sentence in summary:
        words = _key(sentence).split()
        probe = " ".join(words[:8])
        if probe and any(probe in paragraph for paragraph in paragraphs):
            return True
    return False


def measure(directory: Path, limit: int | None, dump: Path | None) -> dict[str, object]:
    records = [json.loads(line) for line in (directory / "evaldata.jsonl").read_text(encoding="utf-8").splitlines()]
    records = records[:limit] if limit else records
    counts: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    where: collections.Counter[str] = collections.Counter()
    dropped_all: collections.Counter[str] = collections.Counter()
    dropped_with: collections.Counter[str] = collections.Counter()
    dropped_without: collections.Counter[str] = collections.Counter()
    out = dump.open("w", encoding="utf-8") if dump else None
    for record in records:
        data = gzip.decompress((directory / record["file"]).read_bytes())
        row: dict[str, object] = {"file": record["file"], "url": record["url"]}
        _DROPPED.clear()
        try:
            source = load.load_bytes(data, record["file"], url=record["url"])
            result = digest(source.text, source=source.info)
        except InputError as error:
            counts["refused"] += 1
            message = str(error)
            reason = message.split("(", 1)[1].rstrip(")") if "(" in message else message.split(": ", 1)[-1]
            reasons[re.sub(r"\d+", "N", reason)] += 1
            row.update(status="refused", error=message)
        else:
            counts["digested"] += 1
            fields = {
                "headline": [result.headline.text],
                "summary": [s.text for s in result.summary],
                "facts": [f.text for f in result.facts],
                "keywords": [k.text for k in result.keywords],
            }
            hits = [
                (name, snippet)
                for name, texts in fields.items()
                for snippet in record["without"]
                if _norm(snippet) and any(_norm(snippet) in _norm(text) for text in texts)
            ]
            for name in {name for name, _ in hits}:
                where[name] += 1
            paragraphs = with_paragraphs(data, record["with"])
            if hits:
                counts["with_without"] += 1
            clear = [(n, s) for n, s in hits if n != "headline" and not any(_key(s) in p for p in paragraphs)]
            if clear:
                counts["with_without_unambiguous"] += 1
            missed = bool(paragraphs) and not shares_a_sentence(fields["summary"], paragraphs)
            if missed:
                counts["missed"] += 1
            article = article_block(data, record["with"])
            if article and not shares_a_sentence(fields["summary"], [article]):
                counts["missed_article"] += 1
                row["missed_article"] = True
            if not paragraphs:
                counts["no_with_block"] += 1
            row.update(status="ok", hits=hits, missed=missed, **fields)
        for reason, text in _DROPPED:
            judged = _norm(text)
            dropped_with[reason] += any(_norm(s) in judged for s in record["with"])
            dropped_without[reason] += any(_norm(s) in judged for s in record["without"])
            dropped_all[reason] += 1
        row["dropped"] = list(_DROPPED)
        if out:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if out:
        out.close()
    total = len(records)
    digested = counts["digested"]
    return {
        "pages": total,
        "digested": digested,
        "refused": counts["refused"],
        "refused_share": round(counts["refused"] / total, 4),
        "refused_reasons": dict(reasons.most_common()),
        "pages_with_a_without_snippet": counts["with_without"],
        "without_share_of_digested": round(counts["with_without"] / max(1, digested), 4),
        "without_by_field": dict(where.most_common()),
        "pages_with_an_unambiguous_without_snippet_outside_the_headline": counts["with_without_unambiguous"],
        "unambiguous_share_of_digested": round(counts["with_without_unambiguous"] / max(1, digested), 4),
        "summary_missed_the_article": counts["missed"],
        "missed_share_of_digested": round(counts["missed"] / max(1, digested), 4),
        "summary_outside_the_smallest_block_holding_every_with_snippet": counts["missed_article"],
        "outside_share_of_digested": round(counts["missed_article"] / max(1, digested), 4),
        "blocks_dropped_by_the_page_check": {
            reason: {
                "blocks": n,
                "holding_a_with_snippet": dropped_with[reason],
                "holding_a_without_snippet": dropped_without[reason],
            }
            for reason, n in dropped_all.most_common()
        },
        "pages_whose_with_snippets_were_not_found_in_a_block": counts["no_with_block"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path, help="the page set: evaldata.jsonl and html/*.html.gz")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--set", action="append", default=[], help="a trafilatura setting, key=true|false")
    parser.add_argument("--dump", type=Path, default=None, help="write one JSON line per page here")
    args = parser.parse_args()
    for setting in args.set:
        key, _, value = setting.partition("=")
        if key not in TRAFILATURA_SETTINGS:
            parser.error(f"unknown setting {key!r}")
        TRAFILATURA_SETTINGS[key] = value.lower() == "true"
    json.dump(measure(args.directory, args.limit, args.dump), sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
