"""`make test` on a fresh machine: the Debian packages it needs are installed when it runs as
root, otherwise it stops at once with the exact command (scripts/system-deps.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[1] / "scripts" / "system-deps.sh"


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("runuser"), reason="needs root")
def test_without_root_it_stops_at_once_with_the_exact_command() -> None:
    # A machine without any of the tools: a PATH holding only what the script itself runs,
    # in a folder the unprivileged user can read (pytest's own temporary folders are private).
    tmp_path = Path(tempfile.mkdtemp(prefix="workmate-deps-"))
    tmp_path.chmod(0o755)
    try:
        _check_without_root(tmp_path)
    finally:
        shutil.rmtree(tmp_path)


def _check_without_root(tmp_path: Path) -> None:
    for tool in ("bash", "id"):
        found = shutil.which(tool)
        assert found is not None
        (tmp_path / tool).symlink_to(found)
    runuser = shutil.which("runuser")
    assert runuser is not None
    result = subprocess.run(
        [runuser, "-u", "nobody", "--", str(tmp_path / "bash"), "-s"],
        input=SCRIPT.read_text(),
        env={"PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "make test needs these Debian packages: chromium" in result.stderr
    command = next(line.strip() for line in result.stderr.splitlines() if "apt-get" in line)
    assert command.startswith("sudo apt-get update && sudo apt-get install -y")
    for package in ("chromium", "poppler-utils", "curl"):
        assert package in command.split()


def test_ci_runs_exactly_make_test() -> None:
    ci = (SCRIPT.parents[1] / ".ci" / "run").read_text()
    assert ci.strip().splitlines()[-1] == "make test"
    makefile = (SCRIPT.parents[1] / "Makefile").read_text()
    assert "test: system-deps " in makefile
