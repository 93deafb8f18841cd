"""`build.py new edition|note|entry|computation|emendation ID …`: create a file (or an edition) ready to build.

The command writes nothing when what it was asked would not build: an anchor that is not in the text, a
quote that occurs twice without --occurrence, an id the build would refuse, a file that exists already.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..codes import Code
from ..diagnostics import SourceLocation
from .new_annotation import (NOT_YET, AnchorRequest, AnnotationError, Kind, check_anchor, create_file,
                             default_anchor, edition_paragraphs, part_ids, quote_line, skeleton, term_paragraphs,
                             valid_id)
from .new_edition import NewEditionError, create_edition
from .new_source import SourceImportError, report_lines
from ..build.pipeline import Project

DRAFTS = ("Replace its “Draft:” texts: they build, and show on the page as written until you do "
          "(build.py diff marks them).")
KINDS = ("edition", *(k.value for k in Kind))
OPTIONS = ("--source", "--title", "--author", "--written", "--source-url", "--language", "--edition",
           "--part", "--paragraph", "--quote", "--occurrence", "--term", "--corrected")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", metavar="KIND", help=f"what to create: {', '.join(KINDS)}")
    parser.add_argument("id", metavar="ID", help="the new edition's slug, or the new file's id (its name)")
    new_edition = parser.add_argument_group("new edition")
    new_edition.add_argument("--source", help="the transcription to bring in (a UTF-8 text file)")
    new_edition.add_argument("--title", help="the text's title (when its own title block does not give it)")
    new_edition.add_argument("--author", help="the text's author")
    new_edition.add_argument("--written", help="when it was written: YYYY-MM-DD, YYYY-MM or YYYY")
    new_edition.add_argument("--source-url", help="where the transcription can be read online")
    new_edition.add_argument("--language", default="en", help="the text's language tag (default en)")
    annotation = parser.add_argument_group("new note, computation, emendation or entry")
    annotation.add_argument("--edition", help="the edition's slug (needed when there is more than one)")
    annotation.add_argument("--part", help="a book-length edition's part (chapter) id, as edition.yaml lists it")
    annotation.add_argument("--paragraph", type=int, help="the paragraph, as numbered in the reader's margin")
    annotation.add_argument("--quote", help="the exact words of that paragraph (checked against the text)")
    annotation.add_argument("--occurrence", type=int, help="which occurrence, when the words occur more than once")
    annotation.add_argument("--corrected", help="emendation: the reading this edition prints instead")
    annotation.add_argument("--term", help="entry: the headword, as the texts write it")


def run(project: Project, args: argparse.Namespace) -> int:
    if args.kind in NOT_YET:
        return _refuse(f"new {args.kind} is not available yet: {NOT_YET[args.kind]}.")
    if args.kind not in KINDS:
        return _refuse(f"cannot create a '{args.kind}'; the kinds are {', '.join(KINDS)}.", usage=True)
    if not valid_id(args.id):
        return _refuse(f"'{args.id}' cannot be an id: use lowercase letters, digits and hyphens (at most 80), "
                       "starting with a letter or digit, e.g. louis-fischer.", usage=True)
    try:
        if args.kind == "edition":
            return _new_edition(project, args)
        return _new_annotation(project, Kind(args.kind), args)
    except (NewEditionError, SourceImportError, AnnotationError) as exc:
        return _refuse(f"{exc}.")


def _refuse(message: str, *, usage: bool = False) -> int:
    print(f"build.py new: {message}", file=sys.stderr)
    return 2 if usage else 1


def _rel(project: Project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


def _new_edition(project: Project, args: argparse.Namespace) -> int:
    if not args.source:
        return _refuse("a new edition needs its text: --source FILE.", usage=True)
    made = create_edition(project.content / "editions", args.id, Path(args.source), title=args.title,
                          author=args.author, written=args.written, source_url=args.source_url,
                          language=args.language)
    folder = _rel(project, made.folder)
    lines = made.imported.text.count("\n")
    print(f"Created {folder}/")
    print(f"  source.txt    {lines} lines; {made.paragraphs} body paragraph(s) after the provenance "
          f"({', '.join(label for label, _ in made.provenance)})")
    for change in made.imported.changes:
        print(f"                {change}")
    print("  edition.yaml  every field, commented; source_sha256 is the checksum of source.txt")
    print("\n".join(report_lines(made.imported.suspicious, f"{folder}/source.txt")))
    if made.to_check:
        print(f"Check in edition.yaml (placeholders the text could not give): {', '.join(made.to_check)}.")
    print(f"Next: python build.py check --strict, then python build.py serve and open /{args.id}/.")
    return 0


def _new_annotation(project: Project, kind: Kind, args: argparse.Namespace) -> int:
    editions = project.content / "editions"
    if kind is Kind.ENTRY:
        return _new_entry(project, args, editions)
    edition = _edition(editions, args.edition)
    path = edition / kind.folder / f"{args.id}.yaml"
    if path.exists():
        return _refuse(f"{_rel(project, path)} already exists: choose another id (nothing was changed).")
    paragraphs, problems = edition_paragraphs(edition, project.root)
    if not paragraphs:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        return _refuse("the edition's source.txt cannot be read, so the anchor cannot be checked.")
    parts = part_ids(paragraphs)
    if args.part is not None and args.part not in parts:
        return _refuse(f"there is no part '{args.part}' in {edition.name}; " + (
            f"its parts are {', '.join(parts)}." if parts else "it is not in parts: leave out --part."))
    if args.quote is None and args.paragraph is None:
        anchor = default_anchor(paragraphs, args.part)
        placed = (f"anchored to the first words of paragraph 1{_of_part(anchor.part)} (“{anchor.quote}”): "
                  "change paragraph and quote")
    elif args.quote is None or args.paragraph is None:
        return _refuse("give both --paragraph N and --quote \"…\" (or neither).", usage=True)
    elif parts and args.part is None:
        return _refuse(f"{edition.name} is in parts, and paragraph numbers restart in each: say which with "
                       f"--part ID (its parts are {', '.join(parts)}).", usage=True)
    else:
        anchor = AnchorRequest(paragraph=args.paragraph, quote=args.quote, occurrence=args.occurrence,
                               part=args.part)
        problems = check_anchor(anchor, paragraphs, SourceLocation(_rel(project, path), quote_line(anchor)))
        if problems:
            for problem in problems:
                print(problem.format(), file=sys.stderr)
            if any(p.code is Code.QUOTE_AMBIGUOUS for p in problems):
                print("Run the command again with --occurrence N, or quote more words.", file=sys.stderr)
            print("Nothing was written.", file=sys.stderr)
            return 1
        placed = f"paragraph {anchor.paragraph}{_of_part(anchor.part)}: “{anchor.quote}” found"
    create_file(path, skeleton(kind, anchor, corrected=args.corrected))
    print(f"Created {_rel(project, path)} ({placed}).")
    if kind is Kind.EMENDATION and args.corrected is None:
        print("Write the corrected reading in it: until it differs from the original, the build refuses it (G136).")
    else:
        print(DRAFTS)
    return 0


def _of_part(part: str | None) -> str:
    return f" of part {part}" if part else ""


def _edition(editions: Path, slug: str | None) -> Path:
    slugs = sorted(p.name for p in editions.iterdir() if p.is_dir()) if editions.is_dir() else []
    if slug is not None:
        if slug not in slugs:
            raise AnnotationError(f"there is no edition '{slug}'; the editions are {', '.join(slugs) or 'none yet'}")
        return editions / slug
    if len(slugs) != 1:
        raise AnnotationError(f"say which edition with --edition SLUG; the editions are {', '.join(slugs) or 'none yet'}")
    return editions / slugs[0]


def _new_entry(project: Project, args: argparse.Namespace, editions: Path) -> int:
    path = project.content / Kind.ENTRY.folder / f"{args.id}.yaml"
    if path.exists():
        return _refuse(f"{_rel(project, path)} already exists: choose another id (nothing was changed).")
    term = args.term or args.quote or args.id.replace("-", " ")
    found = []
    for edition in sorted(p for p in editions.iterdir() if p.is_dir()) if editions.is_dir() else []:
        paragraphs, _ = edition_paragraphs(edition, project.root)
        numbers = term_paragraphs(term, paragraphs)
        if numbers:
            found.append(f"{edition.name} paragraph(s) {', '.join(map(str, numbers))}")
    create_file(path, skeleton(Kind.ENTRY, None, term=term))
    print(f"Created {_rel(project, path)} (term “{term}”).")
    if found:
        print(f"The text uses it in {'; '.join(found)}: the build links its first use in each.")
    else:
        print(f"No text uses “{term}” as a whole word (exact case): add the forms the text uses under aliases:, "
              "or link it from a note as [words](glossary:" + args.id + "); until then check --strict reports G160.")
    print(DRAFTS)
    return 0
