"""Which Chromium the browser tests drive: CHROMIUM, else the PATH, else Debian's path; a clear message if none."""
from __future__ import annotations

from pathlib import Path

from glossa.chromium import find_chromium


def executable(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_the_chromium_variable_comes_first(tmp_path: Path) -> None:
    chosen = executable(tmp_path / "mine", "my-chromium")
    executable(tmp_path / "bin", "chromium")
    found = find_chromium({"CHROMIUM": str(chosen), "PATH": str(tmp_path / "bin")}, fallback=tmp_path / "none")
    assert found.path == chosen and not found.problem


def test_the_chromium_variable_may_name_a_command_on_the_path(tmp_path: Path) -> None:
    chosen = executable(tmp_path / "bin", "chrome-dev")
    found = find_chromium({"CHROMIUM": "chrome-dev", "PATH": str(tmp_path / "bin")}, fallback=tmp_path / "none")
    assert found.path == chosen


def test_a_chromium_variable_naming_nothing_runnable_is_reported_not_replaced(tmp_path: Path) -> None:
    executable(tmp_path / "bin", "chromium")
    not_runnable = tmp_path / "chromium.txt"
    not_runnable.write_text("", encoding="utf-8")
    for named in (str(tmp_path / "missing"), str(not_runnable)):
        found = find_chromium({"CHROMIUM": named, "PATH": str(tmp_path / "bin")}, fallback=tmp_path / "none")
        assert found.path is None
        assert f"CHROMIUM={named}" in found.problem and "apt-get install chromium" in found.problem


def test_without_the_variable_the_path_is_searched_in_order(tmp_path: Path) -> None:
    second = executable(tmp_path / "bin", "chromium-browser")
    assert find_chromium({"PATH": str(tmp_path / "bin")}, fallback=tmp_path / "none").path == second
    first = executable(tmp_path / "bin", "chromium")
    assert find_chromium({"PATH": str(tmp_path / "bin")}, fallback=tmp_path / "none").path == first


def test_debians_path_is_the_last_resort(tmp_path: Path) -> None:
    debian = executable(tmp_path / "usr-bin", "chromium")
    assert find_chromium({"PATH": str(tmp_path / "empty")}, fallback=debian).path == debian


def test_no_chromium_anywhere_is_one_clear_message(tmp_path: Path) -> None:
    found = find_chromium({"CHROMIUM": "", "PATH": str(tmp_path / "empty")}, fallback=tmp_path / "none")
    assert found.path is None
    assert "no Chromium found" in found.problem and str(tmp_path / "none") in found.problem
    assert "CHROMIUM" in found.problem and "apt-get install chromium" in found.problem
