"""The command line: options that do not belong to a command are refused, and nothing ends in a traceback."""
from __future__ import annotations

import socket
import subprocess
import sys

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


def _canonical(site) -> str:
    page = (site / "index.html").read_text(encoding="utf-8")
    return page.split('<link rel="canonical" href="', 1)[1].split('"', 1)[0]


def test_base_url_on_the_command_line_replaces_site_yaml_s(small_project, capsys):
    """A deploy step knows the address it publishes to (GitHub Pages gives it): every absolute URL follows it,
    even when site.yaml gives none, and the sitemap is written with it too."""
    site_yaml = small_project.content / "site.yaml"
    site_yaml.write_text("\n".join(line for line in site_yaml.read_text().splitlines()
                                   if not line.startswith("base_url:")) + "\n")
    assert small_project.build() == 1   # a failed build: main's status, and its last line (test_bad_input's cases
    err = capsys.readouterr().err        # each run the build and its report, not main)
    assert "G173" in err and err.rstrip().endswith("Nothing was written: site/ is unchanged.")
    assert small_project.build("--base-url", "https://archive.example.net/trotsky") == 0
    assert _canonical(small_project.site) == "https://archive.example.net/trotsky/"
    sitemap = (small_project.site / "sitemap.xml").read_text()
    assert "https://archive.example.net/trotsky/" in sitemap and "glossa.example" not in sitemap


def test_a_base_url_that_is_not_an_address_is_refused(small_project, capsys):
    assert small_project.build("--base-url", "javascript:alert(1)") == 2
    err = capsys.readouterr().err
    assert "is not a site address" in err and not small_project.site.exists()


def test_build_py_run_as_a_program_exits_with_the_status_and_streams_of_main(python, small_project, project_root):
    """The one place `python build.py` runs as its own process for a build and a failed check (the guides and
    the other tests call `main` in-process): the script passes its arguments, streams and exit status through."""
    command = [python, str(project_root / "build.py"), "--root", str(small_project.root)]
    built = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert (built.returncode, built.stderr) == (0, "")
    assert built.stdout.startswith("Built ") and (small_project.site / "index.html").is_file()
    small_project.write("editions/gettysburg/notes/zz.yaml",
                        'paragraph: 9\nquote: "x"\nbody: x\nsources:\n  - title: x\n    status: seen\n')
    checked = subprocess.run([*command, "check"], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 1 and checked.stdout == ""
    assert "content/editions/gettysburg/notes/zz.yaml:2:1: error G132" in checked.stderr
    assert checked.stderr.rstrip().endswith("Nothing was written: check only.")
