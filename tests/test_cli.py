"""The command line: options that do not belong to a command are refused, and nothing ends in a traceback."""
from __future__ import annotations

import socket

import pytest

from glossa import cli
from glossa.cli import main


@pytest.mark.parametrize("argv, expected", [
    (["build", "--strict"], "--strict does not apply to build; it is an option of check."),
    (["--strict"], "--strict does not apply to build; it is an option of check."),
    (["check", "--port", "8001"], "--port does not apply to check; it is an option of serve."),
    (["check", "--site", "out"], "--site does not apply to check; it is an option of build, serve, pdf and merge."),
    (["serve", "--strict"], "--strict does not apply to serve; it is an option of check."),
    (["build", "--frobnicate"], "unknown option --frobnicate for build."),
    (["bulid"], "unknown command 'bulid'. Did you mean 'build'?"),
    (["check", "extra"], "unexpected argument 'extra' after check."),
    (["serve", "--port", "eighty"], "'eighty' is not a port number"),
    (["serve", "--port", "65536"], "65536 is not a port number"),
])
def test_refuses_what_does_not_apply(small_project, capsys, argv, expected):
    assert main([*argv, "--root", str(small_project.root)]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
    assert not small_project.site.exists()


def test_options_may_come_before_the_command(small_project, capsys):
    assert main(["--root", str(small_project.root), "check", "--strict"]) == 0
    assert "check: content is valid" in capsys.readouterr().out


def test_build_is_the_default_command(small_project, capsys):
    assert main(["--root", str(small_project.root)]) == 0
    assert (small_project.site / "index.html").is_file()
    assert "Built " in capsys.readouterr().out


def test_help_returns_instead_of_exiting(capsys):
    assert main(["serve", "--help"]) == 0
    assert "--port" in capsys.readouterr().out


def test_an_unexpected_exception_is_one_line_asking_for_a_bug_report(small_project, capsys, monkeypatch):
    # A bug cannot be produced on demand from content (those are fixed as found), so the build entry is
    # replaced by one that fails the way a bug would.
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("computation-\x1b[31mred")

    monkeypatch.setattr(cli, "build_and_write", broken)
    monkeypatch.delenv("GLOSSA_DEBUG", raising=False)
    assert main(["build", "--root", str(small_project.root)]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error (KeyError: 'computation-\\x1b[31mred')" in err
    assert "report it" in err
    assert "\x1b" not in err and "Traceback" not in err


def test_glossa_debug_shows_the_traceback(small_project, monkeypatch):
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(cli, "build_and_write", broken)
    monkeypatch.setenv("GLOSSA_DEBUG", "1")
    with pytest.raises(KeyError, match="boom"):
        main(["check", "--root", str(small_project.root)])


def test_a_port_in_use_is_one_line_suggesting_another(small_project, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port), "--root", str(small_project.root)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"port {port} on 127.0.0.1 is already in use" in err
    assert "--port 0" in err and f"--port {port + 1}" in err
    assert not small_project.site.exists()  # the port is tried before anything is built
