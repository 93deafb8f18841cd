"""The reader's start-up script as shipped: main.js with the modules it imports at start-up written into it.

The sources stay small ES modules, one job each (templates/assets/). The reader needs all of its start-up modules
before it can do anything, so sending them as one file saves the requests and the per-file gzip overhead (about
0.9 kB gzipped of 4.2). Each imported module is wrapped in its own function scope, so its top-level names stay
its own, and hands back only what the importer names. Modules loaded later with `import()` (calculations, the
glossary popover) stay separate files.

Only the two forms the sources use are understood: `import { a, b } from "./x.js";` at the start of a line, and
`export function` / `export const` / `export class` declarations. Anything else an ES module can say about imports
and exports is refused with an error, rather than bundled wrongly.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Bundle", "BundleError", "bundle"]

_IMPORT = re.compile(r'^import \{ *([\w$]+(?: *, *[\w$]+)*) *\} from "(\./[\w./-]+\.js)";[ \t]*$', re.M)
_EXPORT_DECL = re.compile(r"^export (?=(?:async +)?function\b|const\b|class\b)", re.M)
_EXPORTED_NAME = re.compile(r"^export (?:async +)?(?:function\*? *|const +|class +)([\w$]+)", re.M)
# Static import and export forms this bundler does not handle; `import(` (a dynamic import) is not one.
_UNHANDLED = re.compile(r"^(?:import(?!\()\b|export\b)", re.M)


class BundleError(ValueError):
    """A module uses an import or export form the bundler does not handle, or the imports form a cycle."""


@dataclass(frozen=True, kw_only=True)
class Bundle:
    text: str                     # the entry module with its static imports written in
    inlined: tuple[str, ...]      # the modules written into it (paths relative to the entry's folder)


def bundle(entry: str, read: Callable[[str], str]) -> Bundle:
    """The module at `entry` (a path such as "main.js") with every module it imports statically written in.

    `read(path)` gives a module's source; paths are relative to the folder of the assets, '/'-separated."""
    inlined: list[str] = []
    text = _resolve(entry, read(entry), read, inlined, (entry,))
    return Bundle(text=text, inlined=tuple(inlined))


def _resolve(path: str, source: str, read: Callable[[str], str], inlined: list[str], chain: tuple[str, ...]) -> str:
    folder = posixpath.dirname(path)

    def replace(match: re.Match[str]) -> str:
        names = [name.strip() for name in match.group(1).split(",")]
        target = posixpath.normpath(posixpath.join(folder, match.group(2)))
        if target in chain:
            raise BundleError(f"{path}: importing {target} makes a cycle ({' -> '.join(chain + (target,))})")
        if target in inlined:  # a second copy would be a second instance, with state of its own
            raise BundleError(f"{path}: {target} is imported by more than one module; bundle it once")
        module = _resolve(target, read(target), read, inlined, chain + (target,))
        exported = set(_EXPORTED_NAME.findall(module))
        missing = [name for name in names if name not in exported]
        if missing:
            raise BundleError(f"{path}: {target} does not export {', '.join(missing)}")
        inlined.append(target)
        body = _EXPORT_DECL.sub("", module).strip()
        listed = ", ".join(names)
        return f"const {{ {listed} }} = (() => {{\n{body}\nreturn {{ {listed} }};\n}})();"

    own = _IMPORT.sub("", source)
    rest = _EXPORT_DECL.sub("", own)
    unhandled = _UNHANDLED.search(rest)
    if unhandled:
        line = rest[unhandled.start():].split("\n", 1)[0]
        raise BundleError(f"{path}: a form of import or export the bundler does not handle: {line}")
    return _IMPORT.sub(replace, source)
