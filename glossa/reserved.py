"""Edition folders may not take a name the site already uses: an edition slugged `glossary` or `assets`
would overwrite the glossary page or the stylesheet. The taken names are not listed by hand (a list
would fall behind render); they are found by rendering a site with no editions and no glossary, and
taking the first part of every path written. That render uses blank stand-ins for the templates and
assets (same names, no content): the paths are decided in Python, and compiling the real templates
a second time would cost a tenth of a build. Names are compared ignoring case, because many
file systems and hosts do (`Assets/` and `assets/` are one folder there).
"""
from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath

from .codes import Code
from .diagnostics import Diagnostic, SourceLocation, error
from .model import Site
from .records import SiteSource
from .render import render_site


def site_wide_names(templates: Path) -> frozenset[str]:
    """The top-level names (casefolded) of everything render writes that belongs to no edition."""
    with tempfile.TemporaryDirectory(prefix="glossa-names-") as scratch:
        blanks = Path(scratch)
        for path in templates.rglob("*"):
            blank = blanks / path.relative_to(templates)
            if path.is_dir() and not path.is_symlink():
                blank.mkdir(parents=True, exist_ok=True)
            elif path.is_file():
                blank.parent.mkdir(parents=True, exist_ok=True)
                blank.touch()
        pages, _ = render_site(Site("", "", (), ()), blanks)
    return frozenset(page.path.split("/", 1)[0].casefold() for page in pages)


def slug_collisions(source: SiteSource, templates: Path) -> list[Diagnostic]:
    """G184 for an edition whose folder name is one the site uses, or another edition's but for case."""
    taken = site_wide_names(templates)
    problems = []
    seen: dict[str, str] = {}
    for edition in source.editions:
        slug = edition.meta.slug
        folder = SourceLocation(PurePosixPath(edition.meta.location.path).parent.as_posix(), 1)
        key = slug.casefold()
        if key in taken:
            problems.append(error(Code.RESERVED_EDITION_NAME, f"The edition folder name '{slug}' is taken by the site itself: "
                                          f"its pages would overwrite the site's {key}.", folder,
                                  "Rename the folder. Names the site uses (in any case): "
                                  + ", ".join(sorted(taken)) + "."))
        elif key in seen:
            problems.append(error(Code.RESERVED_EDITION_NAME, f"The edition folder names '{seen[key]}' and '{slug}' differ only in "
                                          "case: on many systems they are one folder.", folder,
                                  "Rename one of the two folders."))
        seen.setdefault(key, slug)
    return problems
