"""The annotations output: every note, glossary link and computation of an edition as W3C Web Annotations
(JSON-LD, http://www.w3.org/ns/anno.jsonld), so other tools (Hypothesis, for one) can show them on other
copies of the text.

Each annotation targets the base text, published beside it as received (SLUG/source.txt, or a
book's part files under SLUG/parts/), with a TextQuoteSelector (the exact words, and 32
characters either side) and a TextPositionSelector: offsets in characters (Unicode code points) of that file,
as the Web Annotation model counts them.
"""
from __future__ import annotations

from typing import Any

from ... import urls
from ...basetext import AnchoredSpan, BaseText, SpanKind
from ...markdown import render as render_markdown
from ...model import Callout, Edition, Page, Prose
from ..formats import SiteSettings
from .indented import indented_json

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARACTERS = 32      # of prefix and suffix: enough to tell repeated words apart, as Hypothesis does


def edition_files(edition: Edition, settings: SiteSettings) -> list[Page]:
    if not settings.base_url:  # G173 has stopped the build: nothing is written
        return []
    base = _base(edition)
    slug = edition.meta.slug
    return [*(Page(urls.transcription_file(slug, f.name), f.text.encode("utf-8")) for f in base.files),
            Page(urls.annotations_file(slug), annotations_jsonld(edition, settings))]


def _base(edition: Edition) -> BaseText:
    if edition.base_text is None:
        raise ValueError(f"edition {edition.meta.slug} was resolved without its base text")
    return edition.base_text


def annotations_jsonld(edition: Edition, settings: SiteSettings) -> bytes:
    base, slug = _base(edition), edition.meta.slug

    def url(target: urls.Target) -> str:
        return urls.absolute(settings.base_url, target)

    collection = url(urls.Target(page=urls.annotations_file(slug)))
    notes = {n.id: n for n in edition.notes}
    callouts = {c.id: c for c in edition.callouts}
    entries = {use.entry.id: use.entry for use in edition.terms}
    items = []
    for span in base.spans:
        ident = urls.annotation_id(span.kind.value, span.id, *((span.part, span.paragraph, span.start)
                                                               if span.kind is SpanKind.TERM else ()))
        reader = urls.part_page(slug, span.part) if span.part else urls.reader_page(slug)   # the page showing it
        item: dict[str, Any] = {"id": f"{collection}#{ident}", "type": "Annotation",
                                "target": _target(base, span, slug, url)}
        if span.kind is SpanKind.NOTE:
            note = notes[span.id]
            item |= {"motivation": "commenting",
                     "body": [_html(note.body, url), _page(url(urls.Target(page=reader, fragment=note.html_id)))]}
        elif span.kind is SpanKind.COMPUTATION:
            item |= _computation(callouts[span.id], url(urls.Target(page=reader, fragment=callouts[span.id].html_id)))
        else:
            entry = entries[span.id]
            item |= {"motivation": "identifying",
                     "body": [{"type": "TextualBody", "value": entry.term, "format": "text/plain",
                               "purpose": "identifying"}, _page(url(entry.target)), _html(entry.definition, url)]}
        items.append(item)
    document = {
        "@context": CONTEXT, "id": collection, "type": "AnnotationCollection",
        "label": f"Annotations of {edition.meta.title} ({settings.site_title} edition, version {edition.meta.version})",
        "total": len(items),
        "first": {"id": f"{collection}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return (indented_json(document, 1) + "\n").encode("utf-8")   # json.dumps(…, indent=1, sort_keys=True)


def _target(base: BaseText, span: AnchoredSpan, slug: str, url: Any) -> dict[str, Any]:
    file, start, end = base.locate(span)
    text = file.text
    return {"source": url(urls.Target(page=urls.transcription_file(slug, file.name))), "selector": [
        {"type": "TextQuoteSelector", "exact": text[start:end],
         "prefix": text[max(0, start - CONTEXT_CHARACTERS):start], "suffix": text[end:end + CONTEXT_CHARACTERS]},
        {"type": "TextPositionSelector", "start": start, "end": end}]}


def _html(prose: Prose, url: Any) -> dict[str, str]:
    """An annotation's Markdown as HTML, its cross-references made absolute (they leave the site)."""
    html = render_markdown(prose.markdown, {ref: url(target) for ref, target in prose.targets})
    return {"type": "TextualBody", "value": str(html).strip(), "format": "text/html"}


def _page(address: str) -> dict[str, str]:
    return {"id": address, "type": "Text", "format": "text/html"}


def _computation(callout: Callout, address: str) -> dict[str, Any]:
    """A claim is assessed (its verdict is the body); context is the editor's working, a comment."""
    result = f"{callout.formula_numbers} = {callout.result_shown}"
    if callout.is_claim:
        value = (f"{callout.title}. The author's figure: {callout.claim_quoted}"
                 + (f" (checked as {callout.claim_checked_as})" if callout.claim_checked_as else "")
                 + f". Recomputed: {result}. Verdict: {callout.verdict_label}.")
        motivation = "oa:assessing"   # in the vocabulary, not among the context's terms
    else:
        value = f"{callout.title}. Worked out: {result}."
        motivation = "commenting"
    return {"motivation": motivation, "body": [{"type": "TextualBody", "value": value, "format": "text/plain"},
                                               _page(address)]}
