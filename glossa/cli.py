"""The command line: `python build.py [build|check|serve|new|diff|release] [options]`. `main(argv)` returns the
exit status.

Each command takes only the options that mean something to it: `build --strict` or `check --port 8001`
is refused with a message naming the command the option belongs to, rather than silently ignored.
"""
from __future__ import annotations

import argparse
import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, Sequence

from .commands import diff_command
from .commands import new_command
from .commands import release
from .diagnostics import did_you_mean
from .urls import site_address
from .build.pipeline import BuildOptions, BuildOutcome, Project, build_and_write
from .build.store import merge_caches
from .commands.report import report
from .write.writer import UnsafeSiteFolder, WriteError, check_site_folder

PROG = "build.py"
DEFAULT_PORT = 8000
BUG_REPORT = "this is a bug in Glossa, not in your content: please report it with the command you ran"


class UsageError(Exception):
    """The command line itself is wrong (unknown command, unknown option, an option of another command)."""


@dataclass(frozen=True, kw_only=True)
class Command:
    name: str
    help: str
    options: tuple[str, ...]  # beyond the common ones


COMMON = ("--root", "--content")
COMMANDS = {c.name: c for c in (
    Command(name="build", help="build site/ (the default command)", options=("--site", "--jobs", "--cache", "--shard",
                                                                                  "--base-url")),
    Command(name="check", help="validate all content without writing anything", options=("--strict", "--jobs",
                                                                                      "--cache", "--base-url")),
    Command(name="serve", help="build, serve on 127.0.0.1 and rebuild (and reload open pages) on change",
            options=("--site", "--port", "--jobs", "--cache")),
    Command(name="pdf", help="print each edition to PDF in Chromium, then build site/ linking the PDFs",
            options=("--site", "--jobs", "--cache", "--base-url")),
    Command(name="merge", help="build site/ from the caches of sharded builds (`build --shard K/N --cache DIR`)",
            options=("--site", "--jobs", "--cache", "--from", "--base-url")),
    Command(name="new", help="create an edition, or a note, entry, computation or emendation ready to edit",
            options=new_command.OPTIONS),
    Command(name="diff", help="list the annotations and verdicts changed since a git revision",
            options=diff_command.OPTIONS),
    Command(name="release", help="freeze an edition's data files for its current version (versions/VERSION/), "
            "published unchanged at SLUG/v/VERSION/", options=("--jobs", "--cache")),
)}
# Options that take a value (so that the word after them is not taken for a command).
VALUED = {"--root", "--content", "--site", "--port", "--jobs", "--cache", "--shard", "--base-url",
          *new_command.OPTIONS, *diff_command.OPTIONS}
# Commands with arguments of their own: what adds them to the command's parser, and what runs the command.
ARGUMENTS = {"new": new_command.add_arguments, "diff": diff_command.add_arguments,
             "release": release.add_arguments}


def main(argv: Sequence[str] | None = None, root: Path | None = None) -> int:
    """Run one command. Any exception nobody expected becomes one line asking for a bug report (set
    GLOSSA_DEBUG=1 to get the traceback instead)."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv), root)
    except UsageError as exc:
        print(f"{PROG}: {exc}\nRun `{PROG} --help` for the commands, `{PROG} COMMAND --help` for their options.",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last resort: one line, never a traceback, for whatever slipped through
        if os.environ.get("GLOSSA_DEBUG") == "1":
            raise
        print(f"{PROG}: internal error ({_one_line(exc)}); {BUG_REPORT} (GLOSSA_DEBUG=1 shows the traceback).",
              file=sys.stderr)
        return 70  # EX_SOFTWARE: told apart from content errors (1) and usage errors (2)


def _run(argv: list[str], root: Path | None) -> int:
    try:
        args = _parse(argv)
    except SystemExit as exc:  # --help prints and exits; keep main() returning instead of exiting
        return exc.code if isinstance(exc.code, int) else 0
    project = Project.at(Path(args.root or root or Path.cwd()), Path(args.content) if args.content else None)
    if args.command == "new":
        return new_command.run(project, args)
    if args.command == "diff":
        return diff_command.run(project, args)
    options = BuildOptions(jobs=args.jobs, cache=Path(args.cache).resolve() if args.cache else None,
                           shard=getattr(args, "shard", None), base_url=getattr(args, "base_url", None) or "")
    if args.command == "release":
        return release.run(project, options, args.slug)
    if args.command == "check":
        return _finish(args.command, build_and_write(project, None, strict=args.strict, options=options), None)
    if options.shard is not None:  # a share of the editions, into the cache only: `merge` writes the site
        outcome = build_and_write(project, None, options=options)
        report(outcome)
        if outcome.failed:
            return 1
        k, n = options.shard
        print(f"Built share {k} of {n}: {len(outcome.built)} edition(s) built, {len(outcome.cached)} from the cache, "
              f"into {options.cache or project.cache}.")
        return 0
    if args.command == "merge":
        sources = [Path(p).resolve() for p in args.sources]
        for source in sources:
            if not (source / "records").is_dir():
                raise UsageError(f"{source} is not a build cache (it has no records/ folder); pass the --cache "
                                 "folders of `build --shard K/N`.")
        merge_caches(sources, options.cache or project.cache)
    site = Path(args.site).resolve() if args.site else project.root / "site"
    try:
        check_site_folder(site, project.root, [project.content, project.templates, project.schemas])
    except UnsafeSiteFolder as exc:
        print(f"{PROG}: refusing to write the site: {exc}", file=sys.stderr)
        return 2
    if args.command == "pdf":  # the one command that needs a browser (glossa/outputs/pdf/)
        from .commands import pdf_command
        status, printed = pdf_command.run(project, options, site)
        return status if printed is None else _finish("build", printed, site)
    if args.command == "serve":
        from .serve.loop import serve  # the server (and its file watcher) is only imported when asked for
        return serve(project, site, args.port, options)
    try:
        outcome = build_and_write(project, site, options=options)
    except WriteError as exc:  # the previous site is unchanged; the message is one line for the user
        print(f"{PROG}: could not write the site: {exc}", file=sys.stderr)
        return 2
    return _finish(args.command, outcome, site)


def _finish(command: str, outcome: BuildOutcome, site: Path | None) -> int:
    report(outcome)
    if outcome.failed:
        print(f"\nNothing was written: {'site/ is unchanged' if command == 'build' else 'check only'}.",
              file=sys.stderr)
        return 1
    if site is None:
        print(f"check: content is valid ({outcome.files} files would be written, {outcome.warnings} warning(s)).")
    else:
        print(f"Built {outcome.files} files into {_shown(site)}.")
    return 0


def _parse(argv: list[str]) -> argparse.Namespace:
    """The command is the first word that is not an option or an option's value; `build` when there is none."""
    command, rest = _split_command(argv)
    args, extra = _parser().parse_known_args([command, *rest] if command else rest)
    if extra:
        raise UsageError(_explain_unknown(command, extra))
    return args


def _split_command(argv: list[str]) -> tuple[str, list[str]]:
    skip = False
    for i, word in enumerate(argv):
        if skip:
            skip = False
        elif word in ("-h", "--help") and i == 0:
            return "", argv  # help for the whole program
        elif word.startswith("-"):
            skip = word in VALUED  # `--site X`; `--site=X` carries its value
        elif word in COMMANDS:
            return word, argv[:i] + argv[i + 1:]
        else:
            raise UsageError(f"unknown command '{word}'.{did_you_mean(word, COMMANDS)} "
                             f"The commands are {', '.join(COMMANDS)}.")
    return "build", argv


def _explain_unknown(command: str, extra: list[str]) -> str:
    word = extra[0]
    flag = word.split("=", 1)[0]
    owners = [c.name for c in COMMANDS.values() if flag in c.options]
    if owners:
        listed = owners[0] if len(owners) == 1 else ", ".join(owners[:-1]) + " and " + owners[-1]
        return f"{flag} does not apply to {command}; it is an option of {listed}."
    if flag.startswith("-"):
        known = [*COMMON, *COMMANDS[command].options]
        return f"unknown option {flag} for {command}.{did_you_mean(flag, known)} Its options are {', '.join(known)}."
    return f"unexpected argument '{word}' after {command}."


@functools.cache   # made once per process: about 4 ms, which every main() call in a test run paid
def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Build Glossa's static site from content/.", allow_abbrev=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for c in COMMANDS.values():
        sub = commands.add_parser(c.name, help=c.help, description=c.help, allow_abbrev=False)
        sub.add_argument("--root", help="the project folder (default: the folder of build.py, else the current one)")
        sub.add_argument("--content", help="the content folder (default: ROOT/content)")
        if "--site" in c.options:
            sub.add_argument("--site", help="the output folder (default: ROOT/site)")
        if "--strict" in c.options:
            sub.add_argument("--strict", action="store_true", help="warnings fail too")
        if "--jobs" in c.options:
            sub.add_argument("--jobs", type=_jobs, default=0,
                             help="processes to build editions with (default 0: one per core; 1: no workers)")
        if "--cache" in c.options:
            sub.add_argument("--cache", help="the build cache folder (default: ROOT/.glossa-cache)")
        if "--shard" in c.options:
            sub.add_argument("--shard", type=_shard, help="K/N: build only the K-th of N shares of the editions, "
                             "into the cache (then `merge` their caches into the site)")
        if "--base-url" in c.options:
            sub.add_argument("--base-url", type=_address, default=None,
                             help="the site's public address, in place of site.yaml's base_url (e.g. the one a "
                             "deploy step gives)")
        if "--from" in c.options:
            sub.add_argument("sources", nargs="+", metavar="CACHE",
                             help="the cache folders of the sharded builds")
        if "--port" in c.options:
            sub.add_argument("--port", type=_port, default=DEFAULT_PORT,
                             help=f"the port on 127.0.0.1 (default {DEFAULT_PORT}; 0 picks a free one)")
        if c.name in ARGUMENTS:
            ARGUMENTS[c.name](sub)
    return parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would print usage and exit; main() reports instead
        raise UsageError(message[:1].upper() + message[1:] + ".")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0 to 65535; 0 picks a free one)")
    return port


def _address(text: str) -> str:
    try:
        return site_address(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (0 means one per core)")
    return int(text)


def _shard(text: str) -> tuple[int, int]:
    k, _, n = text.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError(f"'{text}' is not a share: write K/N with 1 <= K <= N, e.g. 2/4")
    return int(k), int(n)


def _one_line(exc: BaseException) -> str:
    """`KeyError: 'x'`, with control characters escaped and kept short: a message, not a dump."""
    text = f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"<U+{ord(c):04X}>"
                   for c in text)
    return text if len(text) <= 300 else text[:299] + "…"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd())) + "/"
    except ValueError:
        return str(path) + "/"
