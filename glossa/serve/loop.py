"""`python build.py serve`: build, serve site/ on 127.0.0.1 only, rebuild when the sources change, and reload
open pages after each successful rebuild.

The parts, each in its own module:
- serve_http.py: the HTTP server and handler (nothing outside site/; limits, timeouts, bounded workers);
- serve_watch.py: the source folders watched with the operating system's notifications;
- serve_reload.py: live reload through server-sent events, injected into pages at serve time only.
Every build goes through pipeline.build_and_write, the same entry `build` uses.
"""
from __future__ import annotations

import errno
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..build.pipeline import BuildOptions, Project, build_and_write
from ..build.sitebuild import BuildMemo
from ..commands.report import report
from .annotate import AnnotationDesk
from .httpd import HOST, DevServer, make_server, printable, safe_path, serve_in_background
from .reload import LiveReload
from .watch import watch_folders
from ..write.writer import WriteError

__all__ = ["serve", "make_server", "safe_path", "serve_in_background", "DevServer"]


@dataclass(kw_only=True)
class Published:
    """What serve keeps between its builds: the manifest of the site it last wrote (so the next build
    replaces only the files that changed) and the digests of the files it has read (so it rereads only
    the files that changed). Owned by one serve loop and touched by its rebuilds only."""

    options: BuildOptions
    manifest: Mapping[str, str] | None = None


def serve(project: Project, site: Path, port: int, options: BuildOptions = BuildOptions()) -> int:
    """Serve until Ctrl-C. Exit status 2 when the port cannot be had, 1 when the first build fails and there
    is no earlier site to serve."""
    live = LiveReload()
    try:
        desk = AnnotationDesk(project=project)  # annotate from the page: serve mode only, never in site/
        server = make_server(site, port, live=live, desk=desk)  # bind before building: a taken port is known at once
    except OSError as exc:
        print(f"build.py serve: {_bind_problem(exc, port)}", file=sys.stderr)
        return 2
    try:
        # Worker processes are started without forking this process, whose threads (server, watcher) a fork
        # would copy mid-flight.
        published = Published(options=replace(options, fork=False, memo=BuildMemo(trust_watcher=True, keep_search=True)))
        if not rebuild(project, site, live, published, first=True) and not site.is_dir():
            return 1
        print(f"Serving the reader at http://{HOST}:{server.server_address[1]}/ — Ctrl-C to stop.", flush=True)
        stop = threading.Event()
        watcher = threading.Thread(target=_watch, args=(project, site, live, published, stop), name="glossa-watch",
                                   daemon=True)
        watcher.start()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nStopped.", flush=True)
        finally:
            stop.set()
            live.close()
        return 0
    finally:
        server.server_close()


def rebuild(project: Project, site: Path, live: LiveReload, published: Published, *, first: bool = False) -> bool:
    """One build through the shared entry; open pages reload only when it wrote a new site. Whatever goes
    wrong is printed, and serving goes on: the next save tries again."""
    try:
        outcome = build_and_write(project, site, options=published.options, previous=published.manifest)
    except WriteError as exc:  # e.g. another build holds site/ too long: its message is one line already
        print(f"Could not write the site: {printable(str(exc))}; still serving the previous site.",
              file=sys.stderr, flush=True)
        return False
    except Exception as exc:  # a bug or a write failure must not end the server: report it in one line
        print(f"Build failed ({printable(f'{exc.__class__.__name__}: {exc}')}); still serving the previous site.",
              file=sys.stderr, flush=True)
        return False
    report(outcome)
    if not outcome.wrote:
        print("Build failed; still serving the previous site. Fix the problems above and save again.",
              file=sys.stderr, flush=True)
        return False
    published.manifest = outcome.manifest
    if first:
        print(f"Built {outcome.files} files.", file=sys.stderr, flush=True)
    else:
        live.publish()
        print(f"Rebuilt {len(outcome.built)} edition(s), {outcome.changed} file(s) changed; open pages reload.",
              file=sys.stderr, flush=True)
    return True


def _watch(project: Project, site: Path, live: LiveReload, published: Published, stop: threading.Event) -> None:
    folders = [project.content, project.templates, project.schemas]

    def ready() -> None:
        shown = ", ".join(_shown(folder, project.root) + "/" for folder in folders if folder.is_dir())
        print(f"Watching {shown} for changes.", file=sys.stderr, flush=True)

    def changed(paths: frozenset[Path]) -> None:
        names = sorted(_shown(path, project.root) for path in paths)
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        print(f"Changed: {', '.join(names[:3])}{more}; rebuilding.", file=sys.stderr, flush=True)
        if published.options.memo is not None:
            published.options.memo.changed(paths)
        rebuild(project, site, live, published)

    try:
        watch_folders(folders, changed, stop, on_ready=ready)
    except Exception as exc:  # e.g. the system's limit on watched folders: keep serving, say what is lost
        print(f"Watching for changes stopped ({printable(f'{exc.__class__.__name__}: {exc}')}); still serving, "
              "but changes will not rebuild until serve is restarted.", file=sys.stderr, flush=True)


def _shown(path: Path, root: Path) -> str:
    try:
        return printable(str(path.relative_to(root)))
    except ValueError:
        return printable(str(path))


def _bind_problem(exc: OSError, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        other = f"--port {port + 1}" if 0 < port < 65535 else "--port 8001"
        return (f"port {port} on {HOST} is already in use (is another server running?); "
                f"choose another with {other}, or let Glossa pick a free one with --port 0.")
    if exc.errno == errno.EACCES:
        return f"port {port} needs privileges on this system; choose one above 1023, or --port 0 for a free one."
    return f"cannot listen on {HOST}:{port} ({printable(exc.strerror or str(exc))}); try another --port, or --port 0."
