"""The pull-request review job (.github/workflows/check.yml, job `review`): it runs `build.py diff` against the
pull request's base commit into the job summary, keeps the built site as an artifact, and needs no secret and
no write access, so a fork's pull request gets the same summary."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "check.yml"


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def review_steps() -> list[dict[str, Any]]:
    job = workflow()["jobs"]["review"]
    assert job["if"] == "github.event_name == 'pull_request'"
    return list(job["steps"])


def test_the_history_is_fetched_so_the_base_commit_can_be_read() -> None:
    checkout = next(s for s in review_steps() if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_the_summary_is_the_diff_against_the_base_sha_passed_through_the_environment() -> None:
    step = next(s for s in review_steps() if "build.py diff" in s.get("run", ""))
    # Through an environment variable, never pasted into the script: the value is not the workflow's to trust.
    assert step["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    assert '"$BASE"' in step["run"] and "--format markdown" in step["run"]
    assert step["run"].rstrip().endswith('>> "$GITHUB_STEP_SUMMARY"')
    assert step["if"] == "${{ !cancelled() }}"  # a change that does not build still gets its summary


def test_the_built_site_is_uploaded_as_a_preview() -> None:
    upload = next(s for s in review_steps() if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and upload["with"]["name"] == "site-preview"


def test_no_secret_and_read_only_access_so_forks_get_it_too() -> None:
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    assert "permissions" not in data["jobs"]["review"]
    assert "secrets." not in WORKFLOW.read_text(encoding="utf-8")
    assert "pull_request_target" not in WORKFLOW.read_text(encoding="utf-8")  # runs the fork's code with no secrets
