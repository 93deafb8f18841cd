"""One edition, from its folder to its pages in the cache: read, resolve against the shared glossary,
render, store. This is the unit of work that runs in parallel and that the cache skips when nothing it
depends on has changed.
"""
from __future__ import annotations

import json
import pickle
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, has_errors
from ..model import EditionListing
from ..outputs import annotations as annotation_export, cite, text, versions
from ..outputs.html.verdict_rows import edition_listing
from ..read.reader import Limits, Reader
from ..outputs.exports import export_blobs
from ..outputs.html.renderer import Renderer
from ..resolve.resolver import EditionFacts, GlossaryContext, resolve_edition
from ..read.schema import SchemaSet
from .store import Store, digest


@dataclass(frozen=True, kw_only=True)
class SharedInputs:
    """Everything an edition's build needs besides its own folder; sent once to each worker process."""

    root: Path          # paths in diagnostics are relative to it
    templates: Path
    schemas: Path
    store: Path
    site_title: str
    glossary: GlossaryContext
    limits: Limits
    base_url: str = ""  # site.yaml's, ending in '/' (a build without it stops at G173)
    printed: tuple[tuple[str, str], ...] = ()   # slug -> blob of the PDF `build.py pdf` printed of its pages


@dataclass(frozen=True, kw_only=True)
class Workshop:
    """A process's tools for building editions: made once per process from SharedInputs (compiling the
    templates and loading the schemas is the expensive part, so no edition pays for it)."""

    inputs: SharedInputs
    reader: Reader
    renderer: Renderer
    store: Store

    @classmethod
    def open(cls, inputs: SharedInputs) -> "Workshop":
        store = Store(folder=inputs.store)
        return cls(inputs=inputs, reader=Reader(inputs.root, SchemaSet.load(inputs.schemas), inputs.limits),
                   renderer=Renderer.load(inputs.templates, frozenset(dict(inputs.printed)), store.compiled_templates),
                   store=store)


@dataclass(frozen=True, kw_only=True)
class EditionRecord:
    """What building one edition left: its pages (in the store), what the site-wide pages need of it, its
    diagnostics, and what it used of the rest of the site, so the cache can tell when it is stale."""

    folder: str                              # the folder name (the slug, when valid)
    pages: tuple[tuple[str, str], ...]       # path under site/ -> blob digest
    listing: EditionListing | None           # None when the edition could not be read or resolved
    facts: EditionFacts | None
    diagnostics: tuple[Diagnostic, ...]
    entries_used: tuple[str, ...]            # glossary entry ids its pages show (linked or cited)
    editions_used: tuple[str, ...]           # slugs its texts link to
    summary_digest: str = ""                 # of its listing and facts: what the site-wide pages show of it
    entries_used_digests: tuple[tuple[str, str], ...] = ()   # entry id -> its file's digest when built

    @property
    def ok(self) -> bool:
        return self.listing is not None and not has_errors(self.diagnostics)


def build_edition(folder: Path, shop: Workshop) -> EditionRecord:
    source, problems = shop.reader.read_edition(folder)
    if source is None:
        return _failed(folder, problems)
    edition, facts, found = resolve_edition(source, shop.inputs.glossary)
    problems += found
    if edition is None or has_errors(problems):
        return _failed(folder, problems, facts)
    pages, found = shop.renderer.edition_pages(edition, shop.inputs.site_title, shop.inputs.base_url)
    problems += found
    if has_errors(problems):
        return _failed(folder, problems, facts)
    pages += cite.edition_files(edition, shop.inputs)
    pages += annotation_export.edition_files(edition, shop.inputs)
    pages += text.edition_files(edition, shop.inputs)
    released, found = versions.edition_files(edition, shop.inputs.root, 4 * shop.inputs.limits.text_bytes,
                                             shop.reader.plain)
    problems += found
    if has_errors(problems):
        return _failed(folder, problems, facts)
    pages += released
    stored = tuple((page.path, shop.store.put_blob(page.content)) for page in pages)
    stored += export_blobs(edition, shop.store, dict(shop.inputs.printed))
    entries = sorted(set(facts.term_paragraphs) | facts.glossary_references)
    listing = edition_listing(edition)
    return EditionRecord(folder=folder.name, pages=stored, listing=listing, facts=facts,
                         diagnostics=tuple(problems), entries_used=tuple(entries),
                         editions_used=tuple(sorted(facts.edition_references)),
                         summary_digest=digest(pickle.dumps((listing, facts), protocol=5)))


def _failed(folder: Path, problems: list[Diagnostic], facts: EditionFacts | None = None) -> EditionRecord:
    return EditionRecord(folder=folder.name, pages=(), listing=None, facts=facts, diagnostics=tuple(problems),
                         entries_used=(), editions_used=(),
                         summary_digest=digest(pickle.dumps(facts, protocol=5)))


def glossary_forms_digest(glossary: GlossaryContext) -> str:
    """What decides which words of any text are linked: every entry's forms, and whether it may be linked."""
    forms = [[e.id, e.term, list(e.aliases), e.match] for e in glossary.entries]
    return digest(json.dumps(forms, ensure_ascii=False, sort_keys=True).encode())
