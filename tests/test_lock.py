"""The lock in requirements/ holds what pyproject.toml asks for, and the README installs from it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", line)
        if m:
            pins[canonicalize_name(m.group(1))] = m.group(2)
    return pins


def _hashed(path: Path) -> bool:
    """Every pinned requirement carries at least one --hash (pip then checks them all)."""
    blocks = re.split(r"\n(?=[A-Za-z0-9])", path.read_text(encoding="utf-8"))
    reqs = [b for b in blocks if re.match(r"[A-Za-z0-9_.\-]+==", b)]
    return bool(reqs) and all("--hash=sha256:" in b for b in reqs)


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_dependency_is_pinned_within_its_range_and_hashed():
    project = _project()
    for lock, wanted in (
        ("app.txt", project["dependencies"]),
        ("test.txt", project["dependencies"] + project["optional-dependencies"]["test"]),
    ):
        path = ROOT / "requirements" / lock
        pins = _pins(path)
        for spec in wanted:
            req = Requirement(spec)
            name = canonicalize_name(req.name)
            assert name in pins, f"{spec} is not in requirements/{lock}: run requirements/lock.sh"
            assert req.specifier.contains(pins[name], prereleases=True), (
                f"requirements/{lock} pins {name}=={pins[name]} outside {spec}: run requirements/lock.sh"
            )
        assert {"hatchling", "editables"} <= pins.keys(), "the build backend is locked too"
        assert _hashed(path), f"requirements/{lock} has a requirement without --hash"


def test_textual_is_pinned_exactly_in_pyproject():
    """Snapshot tests depend on Textual's rendering: one version, everywhere."""
    textual = [d for d in _project()["dependencies"] if canonicalize_name(Requirement(d).name) == "textual"]
    assert len(textual) == 1 and str(Requirement(textual[0]).specifier).startswith("==")


def test_readme_commands_install_from_the_lock():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    try_it = next(b for b in blocks if b.endswith("hzconsole --demo"))
    tests = next(b for b in blocks if b.endswith("python -m pytest -q"))
    assert try_it.startswith("pip install -r requirements/app.txt && ")
    assert tests.startswith("pip install -r requirements/test.txt && ")
    for command in (try_it, tests):
        assert "pip install --no-deps --no-build-isolation -e ." in command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "运行测试" in ci and "venv" in ci and "pip freeze" in ci
