"""Check that a change of code leaves every digest byte-identical.

Usage:
    .venv/bin/python benchmarks/identical.py snapshot OUT.json ARTICLES.jsonl [MORE.jsonl ...] [--pages DIR]
    .venv/bin/python benchmarks/identical.py check OUT.json ARTICLES.jsonl [MORE.jsonl ...] [--pages DIR]

Run ``snapshot`` on the code before a change and ``check`` after it, with the
same articles: each article is digested with every method in ``METHODS`` and
the SHA-256 of its JSON output (``Digest.to_dict()``, keys sorted) is kept;
``check`` lists the articles whose digest changed and exits 1 if any did.
ARTICLES.jsonl holds one article per line (a ``text`` field, an optional
``id``), for example the development sets kept outside the repository; they
are read by path and never copied. ``--pages DIR`` adds the gzipped HTML
pages of a page set (``DIR/*.html.gz``), digested with the default method.

Only the public API is used (``from newsdigest import digest, Options``), so
the same script runs on both sides of a change of the package's layout.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

METHODS = ("learned", "news", "lead", "lexrank", "textrank")


def fingerprints(articles: list[str], pages: str | None) -> dict[str, str]:
    from newsdigest import NewsdigestError, Options, digest

    def one(text: str, options: Options, source: object = None) -> str:
        try:
            result = digest(text, options) if source is None else digest(text, options, source=source)  # type: ignore[arg-type]
        except NewsdigestError as error:
            return f"error: {type(error).__name__}: {error}"
        return hashlib.sha256(json.dumps(result.to_dict(), sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    found: dict[str, str] = {}
    for path in articles:
        with Path(path).open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                record = json.loads(line)
                key = f"{Path(path).name}:{record.get('id', number)}"
                for method in METHODS:
                    found[f"{key}:{method}"] = one(record["text"], Options(method=method))
    if pages:
        try:  # the loader's module moved in the package's new layout
            from newsdigest.pipeline.load import load_bytes
        except ImportError:
            from newsdigest.pipeline.load import load_bytes  # type: ignore[no-redef]

        for page in sorted(Path(pages).glob("*.html.gz")):
            try:
                source = load_bytes(gzip.decompress(page.read_bytes()), page.name)
            except NewsdigestError as error:
                found[f"{page.name}:news"] = f"error: {type(error).__name__}: {error}"
                continue
            found[f"{page.name}:news"] = one(source.text, Options(), source.info)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("snapshot", "check"))
    parser.add_argument("snapshot_file", help="where the fingerprints are written (snapshot) or read (check)")
    parser.add_argument("articles", nargs="+", help="JSON Lines files with a 'text' field per line")
    parser.add_argument("--pages", help="a folder of gzipped HTML pages (*.html.gz)")
    args = parser.parse_args()
    found = fingerprints(args.articles, args.pages)
    if args.action == "snapshot":
        Path(args.snapshot_file).write_text(json.dumps(found, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(found)} digests fingerprinted into {args.snapshot_file}")
        return 0
    before = json.loads(Path(args.snapshot_file).read_text(encoding="utf-8"))
    changed = sorted(key for key in before.keys() | found.keys() if before.get(key) != found.get(key))
    for key in changed[:50]:
        print(f"changed: {key}")
    print(f"{len(found)} digests compared, {len(changed)} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
