#!/usr/bin/env python3
"""A deterministic synthetic collection for the scale benchmark: N editions in Glossa's format, and the same
texts as Markdown for Hugo and MkDocs, so the three generators build the same words.

Each edition is about 18 KB of text in 30 paragraphs, with 8 notes, 2 computations and about 30 uses of a
shared 50-term glossary, like the collection the scale issue was measured with. The same N and seed always
give the same files. Usage: python scripts/scale_corpus.py N OUT_DIR
"""
from __future__ import annotations

import hashlib
import random
import sys
from dataclasses import dataclass
from pathlib import Path

PARAGRAPHS = 30
WORDS_PER_PARAGRAPH = 95
NOTES = 8
TERMS = 50
TERM_USES = 30
SYLLABLES = ["ka", "ro", "ven", "tal", "mi", "dor", "sel", "an", "bru", "ost", "lin", "ghe", "pra", "zu", "nel"]
WORDS = ("the of and a in to was that it by for with as on which from at an this were be had their not but "
         "party members figures report district committee province expelled checked number percent year "
         "months organisation group press article issue category list estimate share total city region "
         "secretary congress workers peasants opposition purge documents credentials check meeting").split()


@dataclass(frozen=True, kw_only=True)
class Corpus:
    editions: tuple[tuple[str, str, tuple[str, ...]], ...]   # slug, title, paragraphs
    terms: tuple[str, ...]


def make_corpus(n: int, seed: int = 1936) -> Corpus:
    rng = random.Random(seed)
    terms: list[str] = []
    while len(terms) < TERMS:
        word = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        if word not in terms:
            terms.append(word)
    editions = []
    for number in range(1, n + 1):
        paragraphs = []
        for p in range(PARAGRAPHS):
            words = [rng.choice(WORDS) for _ in range(WORDS_PER_PARAGRAPH)]
            words[0] = words[0].capitalize()
            paragraphs.append(words)
        for _ in range(TERM_USES):
            words = paragraphs[rng.randrange(PARAGRAPHS)]
            words.insert(rng.randrange(1, len(words)), rng.choice(terms))
        texts = tuple(" ".join(w) + f" The total was {1000 + i * 7} of {20000 + i * 13}." for i, w in
                      enumerate(paragraphs))
        editions.append((f"edition-{number:04d}", f"Synthetic edition {number}", texts))
    return Corpus(editions=tuple(editions), terms=tuple(terms))


def write_glossa(corpus: Corpus, root: Path) -> None:
    content = root / "content"
    (content / "glossary").mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text("title: Scale benchmark\ndescription: A synthetic collection.\n"
                                      "base_url: https://scale.example.org/\n")
    for term in corpus.terms:
        (content / "glossary" / f"{term.lower()}.yaml").write_text(
            f"term: {term}\nkind: term\ndefinition: An invented word used by the scale benchmark.\n"
            "sources:\n  - title: The scale benchmark's corpus generator\n    status: seen\n", encoding="utf-8")
    for slug, title, paragraphs in corpus.editions:
        folder = content / "editions" / slug
        for kind in ("notes", "computations"):
            (folder / kind).mkdir(parents=True, exist_ok=True)
        source = (f"A. Writer\n\n{title}\n\nWritten: 1936.\nSource: The scale benchmark.\n\n"
                  + "\n\n".join(paragraphs) + "\n")
        (folder / "source.txt").write_text(source, encoding="utf-8")
        digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
        (folder / "edition.yaml").write_text(
            f'title: "{title}"\nauthor: A. Writer\nwritten: "1936-01-11"\n'
            'first_published:\n  periodical: The Benchmark\n  date: "1936-02-15"\ntranslator: None\n'
            "transcription:\n  by: The generator\n  publisher: The generator\n"
            "source_url: https://example.org/\nlicense:\n  name: CC0\n  url: https://creativecommons.org/publicdomain/zero/1.0/\n"
            f'editors:\n  - The benchmark\nversion: "1.0"\nsource_sha256: "{digest}"\n', encoding="utf-8")
        for i in range(NOTES):
            number = 1 + i * (PARAGRAPHS // NOTES)
            quote = " ".join(paragraphs[number - 1].split()[2:6])
            (folder / "notes" / f"note-{i + 1}.yaml").write_text(
                f'paragraph: {number}\nquote: "{quote}"\noccurrence: 1\n'
                f"body: Note {i + 1} on these words.\nsources:\n  - title: The generator\n    status: seen\n", encoding="utf-8")
        for i in range(2):
            number = 2 + i * 10
            low, high = 1000 + (number - 1) * 7, 20000 + (number - 1) * 13
            (folder / "computations" / f"share-{i + 1}.yaml").write_text(
                f'title: Share in paragraph {number}\nkind: claim\nparagraph: {number}\n'
                f'quote: "The total was {low} of {high}."\n'
                f'inputs:\n  part:\n    paragraph: {number}\n    quote: "{low}"\n    value: "{low}"\n'
                f'  whole:\n    paragraph: {number}\n    quote: "{high}"\n    value: "{high}"\n'
                'formula: "part / whole"\nclaim:\n  says: "the total"\n  comparator: less-than\n  value: "1"\n'
                "rationale: A share is less than the whole.\n",
                encoding="utf-8")


def write_markdown(corpus: Corpus, root: Path) -> None:
    """The same texts for Hugo (content/) and MkDocs (docs/), each with a minimal configuration."""
    hugo, mkdocs = root / "hugo", root / "mkdocs"
    for folder in (hugo / "content", hugo / "layouts" / "_default", mkdocs / "docs"):
        folder.mkdir(parents=True, exist_ok=True)
    (hugo / "config.toml").write_text('baseURL = "https://example.org/"\ntitle = "Scale benchmark"\n'
                                      'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    (hugo / "layouts" / "_default" / "baseof.html").write_text(
        "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n")
    (hugo / "layouts" / "_default" / "single.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n')
    (hugo / "layouts" / "_default" / "list.html").write_text(
        '{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>'
        "{{ end }}</ul>{{ end }}\n")
    (mkdocs / "mkdocs.yml").write_text("site_name: Scale benchmark\nuse_directory_urls: true\n")
    (mkdocs / "docs" / "index.md").write_text("# Scale benchmark\n")
    for slug, title, paragraphs in corpus.editions:
        body = "\n\n".join(paragraphs) + "\n"
        (hugo / "content" / f"{slug}.md").write_text(f'---\ntitle: "{title}"\n---\n\n{body}', encoding="utf-8")
        (mkdocs / "docs" / f"{slug}.md").write_text(f"# {title}\n\n{body}", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    corpus = make_corpus(int(argv[0]))
    out = Path(argv[1])
    write_glossa(corpus, out)
    write_markdown(corpus, out)
    print(f"Wrote {len(corpus.editions)} editions to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
