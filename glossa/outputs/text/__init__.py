"""The text output: the base text as plain UTF-8 text, each paragraph headed by its ¶ number (the number the
reader's permalinks use), after a short title block saying what it is and where it comes from."""
from __future__ import annotations

from ... import urls
from ...model import Edition, Page
from ...read.characters import shown_visibly
from ..formats import SiteSettings


def edition_files(edition: Edition, settings: SiteSettings) -> list[Page]:
    if not settings.base_url:  # G173 has stopped the build: nothing is written
        return []
    return [Page(urls.plain_text_file(edition.meta.slug), plain_text(edition, settings))]


def plain_text(edition: Edition, settings: SiteSettings) -> bytes:
    meta, base = edition.meta, edition.base_text
    if base is None:
        raise ValueError(f"edition {meta.slug} was resolved without its base text")
    reader = urls.absolute(settings.base_url, urls.Target(page=urls.reader_page(meta.slug)))
    head = [meta.author, meta.title, f"Written {meta.written_shown}; first published in {meta.periodical}, "
            f"{meta.published_shown}.", f"Transcription: {meta.transcription_credit} ({meta.source_url}).",
            f"Licence: {meta.license_name} ({meta.license_url}).",
            f"{settings.site_title} edition, version {meta.version}: {reader}",
            "The text as transcribed, without the edition's emendations; ¶N is paragraph N (#p-N on its page)."]
    titles = {part.id: part.title for part in edition.parts}
    body: list[str] = []
    for p in base.paragraphs:
        if p.part and p.number == 1:   # a book: each part under its title, its paragraphs numbered from 1
            body.append(titles.get(p.part, p.part).upper())
        body.append(f"¶{p.number} {shown_visibly(p.text)}")   # as the reader shows it
    return ("\n\n".join(["\n".join(head), *body]) + "\n").encode("utf-8")
