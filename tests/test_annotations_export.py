"""The W3C Web Annotation export: every note, glossary link and computation, each anchored to the published
base text by the words it quotes and by character offsets, and valid against the Web Annotation context."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pyld import jsonld

from glossa import urls
from glossa.outputs.annotations import CONTEXT

from editions import FIRST_EDITION, ROOT

# The W3C's context document (http://www.w3.org/ns/anno.jsonld, W3C Software and Document License), kept
# beside the tests so expansion runs offline: its source, commit and licence are in fixtures/w3c/README.md.
VENDORED_CONTEXT = Path(__file__).parent / "fixtures" / "w3c" / "anno.jsonld"
OA, AS, RDF = "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/activitystreams#", \
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# The motivations the export uses, and the IRIs the W3C vocabulary gives them ("assessing" has no short term).
MOTIVATIONS = {"commenting": OA + "commenting", "identifying": OA + "identifying", "oa:assessing": OA + "assessing"}


def export(site: Path) -> dict[str, Any]:
    return json.loads((site / urls.annotations_file(FIRST_EDITION)).read_text(encoding="utf-8"))


def items(site: Path) -> list[dict[str, Any]]:
    return export(site)["first"]["items"]


def test_every_selector_quotes_the_published_base_text_at_its_offsets(built_site):
    base = (built_site / urls.transcription_file(FIRST_EDITION, "source.txt")).read_text(encoding="utf-8")
    received = (ROOT / "content/editions" / FIRST_EDITION / "source.txt").read_text(encoding="utf-8")
    assert len(base) == len(received), "offsets count characters of source.txt as received"
    for item in items(built_site):
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert 0 <= start < end <= len(base)
        assert quote["exact"] == base[start:end] == received[start:end]
        assert base[:start].endswith(quote["prefix"]) and base[end:].startswith(quote["suffix"])


def test_notes_computations_and_glossary_links_are_all_exported(built_site):
    reader = (built_site / urls.reader_page(FIRST_EDITION)).read_text(encoding="utf-8")
    found = items(built_site)
    notes = {i["id"].rsplit("#", 1)[1] for i in found if i["motivation"] == "commenting" and
             "#note-" in i["id"]}
    # Every note the reader shows is exported, under its id.
    shown = {part.split('"', 1)[0] for part in reader.split('id="note-')[1:]}
    assert {n.removeprefix("note-") for n in notes} == shown
    assert any(i["motivation"] == "oa:assessing" for i in found)
    assert any(i["motivation"] == "identifying" for i in found)
    assert export(built_site)["total"] == len(found)


def test_the_export_expands_to_web_annotation_terms(built_site):
    context = json.loads(VENDORED_CONTEXT.read_text(encoding="utf-8"))
    served: list[str] = []

    def loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if url.rstrip("/") != CONTEXT:
            raise AssertionError(f"the export asks for a document other than the W3C context: {url}")
        served.append(url)
        return {"contextUrl": None, "documentUrl": url, "document": context}

    document = export(built_site)
    [collection] = jsonld.expand(document, {"documentLoader": loader})
    assert served, "the W3C context was never loaded: the terms below would not come from it"
    assert collection["@type"] == [AS + "OrderedCollection"]
    [page] = collection[AS + "first"]
    annotations = page[AS + "items"][0]["@list"]
    assert len(annotations) == len(document["first"]["items"])
    for annotation, original in zip(annotations, document["first"]["items"]):
        assert annotation["@type"] == [OA + "Annotation"]
        assert annotation[OA + "motivatedBy"] == [{"@id": MOTIVATIONS[original["motivation"]]}]
        [target] = annotation[OA + "hasTarget"]
        assert target[OA + "hasSource"][0]["@id"] == original["target"]["source"]
        kinds = {s["@type"][0] for s in target[OA + "hasSelector"]}
        assert kinds == {OA + "TextQuoteSelector", OA + "TextPositionSelector"}
        for selector in target[OA + "hasSelector"]:
            if selector["@type"] == [OA + "TextQuoteSelector"]:
                assert selector[OA + "exact"][0]["@value"] == original["target"]["selector"][0]["exact"]
                assert selector[OA + "prefix"][0]["@value"] == original["target"]["selector"][0]["prefix"]
            else:
                assert selector[OA + "start"][0]["@value"] == original["target"]["selector"][1]["start"]
                assert selector[OA + "end"][0]["@value"] == original["target"]["selector"][1]["end"]
        for body in annotation[OA + "hasBody"]:
            assert body.get("@type", [""])[0].startswith(("http://purl.org/dc/dcmitype/", OA))
            if body["@type"] == [OA + "TextualBody"]:
                assert body[RDF + "value"][0]["@value"]


def test_every_key_of_the_export_is_a_term_of_the_w3c_context(built_site):
    """JSON-LD expansion silently drops a key its context does not define: a misspelt "selecter" would vanish
    from what Hypothesis reads while the expansion test above still passed on the rest."""
    terms = set(json.loads(VENDORED_CONTEXT.read_text(encoding="utf-8"))["@context"])
    undefined: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            undefined.update(k for k in value if k not in terms and not k.startswith("@"))
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(export(built_site))
    assert not undefined, f"keys the W3C context does not define (expansion would drop them): {undefined}"
