"""Compiled templates are shared between builds in one process by source, never by file name alone: a
template edited between two builds renders as edited, and an unchanged one is not compiled again, not even
by the next process when the build cache keeps it."""
from __future__ import annotations

from pathlib import Path

import jinja2

from glossa.outputs.html.compiled import CompiledTemplates, KeptCode


def test_an_edited_template_renders_as_edited_and_an_unchanged_one_is_reused(tmp_path: Path) -> None:
    cache = CompiledTemplates()
    first, edited, copy = (tmp_path / n for n in ("first", "edited", "copy"))
    for folder, text in ((first, "one {{ word }}"), (edited, "two {{ word }}"), (copy, "one {{ word }}")):
        folder.mkdir()
        (folder / "page.html").write_text(text, encoding="utf-8")
    for folder, shown, compiles in ((first, "one", 1), (edited, "two", 1), (copy, "one", 0)):
        env, compiled = compiling(folder, cache)
        assert env.get_template("page.html").render(word="<b>") == f"{shown} &lt;b&gt;"
        # same name, new source: compiled anew; same source elsewhere: the kept code
        assert len(compiled) == compiles, folder.name
    assert len(cache.kept) == 2


def test_an_environment_with_other_settings_does_not_take_anothers_code(tmp_path: Path) -> None:
    cache = CompiledTemplates()
    (tmp_path / "page.html").write_text("{{ word }}", encoding="utf-8")
    env, _ = compiling(tmp_path, cache)
    assert env.get_template("page.html").render(word="<b>") == "&lt;b&gt;"
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=False,
                               bytecode_cache=cache)
    assert plain.get_template("page.html").render(word="<b>") == "<b>"
    assert len(cache.kept) == 2


def compiling(folder: Path, cache: CompiledTemplates) -> tuple[jinja2.Environment, list[str]]:
    """An environment over `folder` that records the name of each template it has to compile."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                             undefined=jinja2.StrictUndefined, bytecode_cache=cache)
    compiled: list[str] = []
    compile_source = env.compile

    def recording(source: str, name: str | None = None, filename: str | None = None) -> object:
        compiled.append(str(name))
        return compile_source(source, name, filename)

    env.compile = recording  # type: ignore[method-assign, assignment]
    return env, compiled


def test_a_new_process_takes_the_compiled_code_from_the_build_cache_and_compiles_a_damaged_one_again(
        tmp_path: Path) -> None:
    templates, kept = tmp_path / "templates", tmp_path / "cache" / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("one {{ word }}", encoding="utf-8")
    env, compiled = compiling(templates, CompiledTemplates(kept))
    assert env.get_template("page.html").render(word="<b>") == "one &lt;b&gt;"
    assert compiled == ["page.html"]
    [stored] = list(kept.iterdir())

    # A new process: nothing in memory, the build cache on disk.
    env, compiled = compiling(templates, CompiledTemplates(kept))
    assert env.get_template("page.html").render(word="<b>") == "one &lt;b&gt;"
    assert compiled == []

    good = stored.read_bytes()
    stored.write_bytes(good[: len(good) // 2])   # cut short, as by a full disk
    env, compiled = compiling(templates, CompiledTemplates(kept))
    assert env.get_template("page.html").render(word="<b>") == "one &lt;b&gt;"
    assert compiled == ["page.html"] and stored.read_bytes() == good   # compiled again, and stored whole


def test_caches_in_one_process_share_what_they_compiled_and_each_keeps_it(tmp_path: Path) -> None:
    """Two build caches in one process (the tests' many projects): a template compiled for one is not compiled
    for the other, and the other's folder receives it too, for its next process."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("one {{ word }}", encoding="utf-8")
    kept = KeptCode()
    first, second = tmp_path / "a" / "templates", tmp_path / "b" / "templates"
    env, compiled = compiling(templates, CompiledTemplates(first, kept))
    assert env.get_template("page.html").render(word="x") == "one x" and compiled == ["page.html"]
    env, compiled = compiling(templates, CompiledTemplates(second, kept))
    assert env.get_template("page.html").render(word="x") == "one x" and compiled == []
    assert [p.read_bytes() for p in second.iterdir()] == [p.read_bytes() for p in first.iterdir()]
