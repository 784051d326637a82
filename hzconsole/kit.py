"""The offline install kit (`hzconsole kit DIR`): a folder for a USB stick that installs
hzconsole on a PC with no network.

The wheels come from the lock (requirements/app.txt), pinned and hash-checked, for each
target (Windows x64 and Linux x86-64, CPython 3.11 and 3.12). Only what hzconsole needs at
run time goes in: the lock also pins hatchling and editables to build hzconsole, and which
package is needed by whom is read from the lock's own `# via` notes. A package PyPI has only
as source (jieba) is built into a wheel here once; it must come out pure Python
(py3-none-any), so the one wheel serves every target. At the end pip's resolver installs
`hzconsole` for each target from the kit's wheels alone (`--no-index --dry-run`), so a kit
that would fail on the clerk's PC fails here instead.

Nothing here imports Textual; pip does the downloading (run as `python -m pip`)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hzconsole.store.errors import HzError

PROJECT = "hzconsole"
WHEELS = "wheels"
CHECK_LOG = "kit-check.log"
README = "README-安装说明.txt"
# Launchers the clerk double-clicks; the .cmd files are read by cmd.exe in the console's
# code page, which is 936 (GBK) on a Chinese Windows: they are written in it.
CMD_ENCODING = "gbk"
# One cap on the retries that build source-only packages (each retry is one pip resolution).
MAX_SOURCE_BUILDS = 5


class KitError(HzError):
    """The kit cannot be made; the message says why, in Chinese."""


# -- the lock ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pin:
    """One `name==version` of the lock with its hashes and who needs it."""

    name: str
    version: str
    marker: str | None = None
    hashes: tuple[str, ...] = ()
    via: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return canonical(self.name)

    def requirement(self, *, hashes: bool = True) -> str:
        """The line for a pip requirements file (markers already evaluated by the caller)."""
        line = f"{self.name}=={self.version}"
        if hashes and self.hashes:
            line += " " + " ".join(f"--hash=sha256:{h}" for h in self.hashes)
        return line


def canonical(name: str) -> str:
    """PEP 503 name: `Pydantic_Core` and `pydantic-core` are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")
_HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})")


def read_lock(text: str) -> list[Pin]:
    """The pins of a uv/pip-compile lock: `name==version ; marker \\`, its `--hash` lines,
    and the `# via` notes (one name after `via`, or one per line below it)."""
    pins: list[Pin] = []
    current: dict | None = None
    in_via = False

    def close() -> None:
        if current is not None:
            pins.append(
                Pin(
                    current["name"],
                    current["version"],
                    current["marker"],
                    tuple(current["hashes"]),
                    tuple(current["via"]),
                )
            )

    for raw in text.splitlines():
        line = raw.strip()
        match = _PIN.match(raw)
        if match:
            close()
            current = {
                "name": match.group(1),
                "version": match.group(2),
                "marker": (match.group(3) or "").strip() or None,
                "hashes": [],
                "via": [],
            }
            in_via = False
            continue
        if current is None or not line:
            continue
        if line.startswith("--hash="):
            current["hashes"] += _HASH.findall(line)
        elif line.startswith("# via"):
            rest = line[len("# via") :].strip()
            in_via = not rest
            if rest:
                current["via"].append(rest)
        elif in_via and line.startswith("#"):
            current["via"].append(line.lstrip("#").strip())
        else:
            in_via = False
    close()
    return pins


def _via_name(via: str) -> str:
    """'hzconsole (pyproject.toml)' -> 'hzconsole'; '-r requirements/build.in' -> ''."""
    if via.startswith("-"):
        return ""
    return canonical(via.split(" ", 1)[0])


def runtime_pins(pins: Iterable[Pin], root: str = PROJECT) -> list[Pin]:
    """The pins `root` needs at run time: those it asks for, and what they ask for, and so
    on; a pin wanted only by the build backend (hatchling, editables and their own needs)
    is left out. Lock order is kept."""
    pins = list(pins)
    needed = {canonical(root)}
    grew = True
    while grew:
        grew = False
        for pin in pins:
            if pin.key not in needed and any(_via_name(v) in needed for v in pin.via):
                needed.add(pin.key)
                grew = True
    return [p for p in pins if p.key in needed and p.key != canonical(root)]


# -- the targets -------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A platform and Python version the kit carries wheels for."""

    key: str
    label: str
    platforms: tuple[str, ...]
    python: str
    environment: dict[str, str] = field(hash=False, compare=False)

    @property
    def abi(self) -> str:
        return "cp" + self.python.replace(".", "")


# Linux with glibc 2.28 or later (Debian 10, Ubuntu 20.04, RHEL 8 and after). Every tag is
# named: pip widens only the legacy manylinux2014 alias to 2010 and 1 by itself.
LINUX_PLATFORMS: tuple[str, ...] = (
    *(f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)),
    "manylinux2014_x86_64",
)


def _target(os_key: str, python: str) -> Target:
    windows = os_key == "windows"
    env = {
        "os_name": "nt" if windows else "posix",
        "sys_platform": "win32" if windows else "linux",
        "platform_system": "Windows" if windows else "Linux",
        "platform_machine": "AMD64" if windows else "x86_64",
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "platform_release": "",
        "platform_version": "",
        "implementation_version": f"{python}.0",
        "extra": "",
    }
    platforms = ("win_amd64",) if windows else LINUX_PLATFORMS
    label = f"{'Windows x64' if windows else 'Linux x86-64'} Python {python}"
    return Target(f"{os_key}-py{python}", label, platforms, python, env)


TARGETS: tuple[Target, ...] = tuple(_target(os_key, py) for os_key in ("windows", "linux") for py in ("3.11", "3.12"))


def pins_for(target: Target, pins: Iterable[Pin]) -> list[Pin]:
    """The pins whose marker holds on `target` (colorama only on Windows, and the like)."""
    marker_cls = _marker_class()
    return [p for p in pins if p.marker is None or marker_cls(p.marker).evaluate(dict(target.environment))]


def _marker_class() -> Callable[[str], Any]:
    """packaging's Marker; pip's own copy when packaging is not installed (pip always has it)."""
    import importlib

    try:
        module = importlib.import_module("packaging.markers")
    except ImportError:  # pragma: no cover
        module = importlib.import_module("pip._vendor.packaging.markers")
    return module.Marker


def platform_options(target: Target) -> list[str]:
    """pip's options that make it choose wheels for `target` instead of this machine."""
    opts = [
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        target.python,
        "--abi",
        target.abi,
        "--abi",
        "abi3",
        "--abi",
        "none",
    ]
    for platform in target.platforms:
        opts += ["--platform", platform]
    return opts


def download_command(python: str, target: Target, requirements: Path, dest: Path) -> list[str]:
    """`pip download` of exactly the locked files for `target` (hash-checked, no resolving)."""
    return [
        python,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--require-hashes",
        "--progress-bar",
        "off",
        *platform_options(target),
        "-r",
        str(requirements),
        "-d",
        str(dest),
    ]


def resolve_command(python: str, target: Target, wheels: Path, report: Path) -> list[str]:
    """pip's resolver installing hzconsole for `target` from the kit alone, without
    installing anything: what install.cmd / install.sh will do on the clerk's PC. (pip
    takes --platform only with --target; --dry-run leaves that folder empty.)"""
    return [
        python,
        "-m",
        "pip",
        "install",
        "--isolated",
        "--dry-run",
        "--ignore-installed",
        "--no-index",
        "--target",
        str(report.parent / "target"),
        "--find-links",
        str(wheels),
        *platform_options(target),
        "--report",
        str(report),
        PROJECT,
    ]


_NOT_FOUND = re.compile(r"No matching distribution found for ([A-Za-z0-9._-]+)")


def missing_distribution(pip_output: str) -> str | None:
    """The package pip found no wheel of, from its error output."""
    match = _NOT_FOUND.search(pip_output)
    return canonical(re.split(r"[=<>!~ ;\[]", match.group(1))[0]) if match else None


def is_pure_wheel(filename: str) -> bool:
    """A wheel any CPython 3 on any platform installs (python tag py3, abi none, any)."""
    parts = filename[: -len(".whl")].split("-")
    if len(parts) < 5:
        return False
    py, abi, plat = parts[-3:]
    return "py3" in py.split(".") and abi == "none" and plat == "any"


def wheel_name(filename: str) -> tuple[str, str]:
    """('pydantic-core', '2.50.5') from a wheel's file name."""
    parts = filename.split("-")
    return canonical(parts[0]), parts[1]


# -- the scripts -------------------------------------------------------------------------

# Windows: the py launcher (installed with Python from python.org) finds 3.12 or 3.11;
# else a `python` on PATH of one of those versions (the Microsoft Store stub fails the check).
# pip reads no pip.ini and no PIP_* variable of the PC: only the kit's own wheels count.
INSTALL_CMD = r"""@echo off
setlocal
cd /d "%~dp0"
set "PIP_CONFIG_FILE=nul"
set "PIP_FIND_LINKS="
set "PIP_CONSTRAINT="
set "PIP_INDEX_URL="
set "PY="
py -3.12 -c "import sys" >nul 2>&1 && set "PY=py -3.12"
if not defined PY py -3.11 -c "import sys" >nul 2>&1 && set "PY=py -3.11"
if not defined PY python -c "import sys; sys.exit(sys.version_info[:2] not in ((3, 11), (3, 12)))" >nul 2>&1 && set "PY=python"
if not defined PY (
  echo 没有找到 Python 3.12 或 3.11。请先安装 Python（见 README-安装说明.txt），再双击本文件。
  pause
  exit /b 1
)
echo 正在安装 hzconsole（不需要网络），请稍候……
if not exist "%~dp0venv\Scripts\python.exe" %PY% -m venv "%~dp0venv" || goto failed
"%~dp0venv\Scripts\python.exe" -m pip install --isolated --no-index --find-links "%~dp0wheels" --upgrade hzconsole || goto failed
echo.
echo 安装完成。双击 hzconsole.cmd 打开台账控制台，或双击 hzconsole-browser.cmd 在浏览器中打开。
pause
exit /b 0
:failed
echo.
echo 安装没有完成。请把这个窗口的内容拍照发给技术人员。
pause
exit /b 1
"""

# The console on the one .db beside the launcher; none or several: the last file opened
# (or the first-run choice). Any arguments go to hzconsole instead. `python -m` rather than
# venv\Scripts\hzconsole.exe: that .exe holds the venv's absolute path and breaks when the
# folder is moved or its drive letter changes.
LAUNCH_CMD = r"""@echo off
setlocal
set "HERE=%~dp0"
if not exist "%HERE%venv\Scripts\python.exe" (
  echo 还没有安装。请先双击 install.cmd。
  pause
  exit /b 1
)
if not "%~1"=="" (
  "%HERE%venv\Scripts\python.exe" -m hzconsole %*
  exit /b %errorlevel%
)
set "N=0"
set "DB="
for %%F in ("%HERE%*.db") do (
  set /a N+=1
  set "DB=%%~fF"
)
if "%N%"=="1" (
  "%HERE%venv\Scripts\python.exe" -m hzconsole {command}"%DB%"
) else (
  "%HERE%venv\Scripts\python.exe" -m hzconsole {command_alone}
)
if errorlevel 1 pause
"""

INSTALL_SH = r"""#!/bin/sh
# Install hzconsole from the wheels beside this script, with no network.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export PIP_CONFIG_FILE=/dev/null
unset PIP_FIND_LINKS PIP_CONSTRAINT PIP_INDEX_URL PIP_EXTRA_INDEX_URL 2>/dev/null || true
py=""
for candidate in python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] not in ((3, 11), (3, 12)))'; then
    py=$candidate; break
  fi
done
if [ -z "$py" ]; then
  echo "没有找到 Python 3.12 或 3.11，请先安装（见 README-安装说明.txt）。" >&2
  exit 1
fi
[ -x "$here/venv/bin/python" ] || "$py" -m venv "$here/venv"
"$here/venv/bin/python" -m pip install --isolated --no-index --find-links "$here/wheels" --upgrade hzconsole
echo "安装完成。运行 $here/hzconsole.sh 打开台账控制台。"
"""

LAUNCH_SH = r"""#!/bin/sh
# The console on the one .db beside this script (none or several: the last file opened);
# arguments, if any, go to hzconsole instead.
here=$(cd "$(dirname "$0")" && pwd)
py="$here/venv/bin/python"
if [ ! -x "$py" ]; then
  echo "还没有安装，请先运行 $here/install.sh" >&2
  exit 1
fi
[ $# -gt 0 ] && exec "$py" -m hzconsole "$@"
set -- "$here"/*.db
if [ $# -eq 1 ] && [ -e "$1" ]; then
  exec "$py" -m hzconsole {command}"$1"
fi
exec "$py" -m hzconsole{command_alone_sh}
"""


def launcher_cmd(serve: bool = False) -> str:
    """hzconsole.cmd (the console) or hzconsole-browser.cmd (the console in the browser)."""
    return LAUNCH_CMD.replace("{command}", "serve " if serve else "").replace(
        "{command_alone}", "serve" if serve else ""
    )


def launcher_sh() -> str:
    return LAUNCH_SH.replace("{command}", "").replace("{command_alone_sh}", "")


def readme(report: KitReport | None = None) -> str:
    """What the colleague with the USB stick reads: in Chinese, for Notepad."""
    from hzconsole import __version__

    lines = [
        f"hzconsole {__version__} 离线安装包（河长办台账控制台）",
        "",
        "这个文件夹可以装在 U 盘上带到河长办的电脑上安装，安装时不需要网络。",
        "",
        "一、先安装 Python（只需一次）",
        "  需要 Python 3.12 或 3.11（64 位）。请在能上网的电脑上从 python.org 下载",
        "  “Windows installer (64-bit)”，和本文件夹一起拷过去。安装时勾选",
        "  “Add python.exe to PATH”，其他保持默认（会同时装上 py 启动器）。",
        "  Windows 7 和 Windows 8 不能安装 Python 3.11 以上的版本，不能使用本软件。",
        "",
        "二、安装 hzconsole",
        "  1. 把整个文件夹复制到电脑上，例如 D:\\河长办\\hzconsole（不要直接在 U 盘上运行，",
        "     U 盘换了盘符以后程序仍能用，但拔出 U 盘就打不开了）。",
        "  2. 双击 install.cmd，等待出现“安装完成”。文件夹里会多出 venv 子文件夹，",
        "     那就是安装好的程序，不要删除。",
        "  3. 以后更新：用新的安装包覆盖这个文件夹，再双击 install.cmd。",
        "",
        "三、打开",
        "  - 双击 hzconsole.cmd：在窗口中打开台账控制台。",
        "    文件夹里只有一个 .db 台账文件时直接打开它；没有或有多个时打开上次用的文件，",
        "    第一次使用时可以选择新建、打开或试用演示数据。",
        "  - 双击 hzconsole-browser.cmd：在本机浏览器（Edge 或 Chrome）中打开同一个控制台，",
        "    中文和表格线显示最正确。只在本机打开（127.0.0.1），其他电脑访问不到。",
        "    同时打开第二个浏览器标签页时，第二个是只读的。用完关闭浏览器和黑色窗口即可。",
        "",
        "四、Windows 版本和显示",
        "  - Windows 10 1903 及以上、Windows 11：建议安装“Windows 终端”（Windows Terminal，",
        "    Windows 11 自带），在其中显示效果最好。",
        "  - 旧的黑色命令行窗口（中文 Windows 的 cmd 窗口）会把一些符号画成两格宽，",
        "    界面会错位。hzconsole 在这种窗口里自动改用只含英文字母和 + - | 的简单界面；",
        "    也可以在本文件夹的命令行窗口中运行 hzconsole.cmd look ascii 固定使用简单界面，",
        "    hzconsole.cmd look auto 恢复自动。",
        "  - 仍然显示不正常时，请改用 hzconsole-browser.cmd。",
        "",
        "五、数据在哪里",
        "  - 台账数据只在 .db 文件里，可以放在 U 盘上，随时拔出也不会丢失已保存的记录。",
        "  - 每天第一次修改前自动备份到本机（C:\\Users\\用户名\\AppData\\Local\\hzconsole）。",
        "",
        "六、文件夹里有什么",
        "  install.cmd / install.sh        安装（Windows / Linux）",
        "  hzconsole.cmd / hzconsole.sh    打开控制台",
        "  hzconsole-browser.cmd           在浏览器中打开",
        "  wheels\\                         安装所需的全部程序包（不要改动）",
        f"  {CHECK_LOG}                   制作安装包时的完整性检查记录",
    ]
    if report is not None:
        lines += ["", "本安装包适用于：" + "、".join(t.label for t in report.targets)]
    return "\r\n".join(lines) + "\r\n"


# -- building ----------------------------------------------------------------------------


@dataclass
class KitReport:
    """What went into the kit and what was checked."""

    kit: Path
    targets: tuple[Target, ...]
    wheels: list[str] = field(default_factory=list)
    built_from_source: list[str] = field(default_factory=list)
    resolved: dict[str, list[str]] = field(default_factory=dict)  # target key -> name==version
    log: list[str] = field(default_factory=list)


Progress = Callable[[str], None]


def project_root() -> Path:
    """The source tree hzconsole runs from (pyproject.toml and the lock beside the package)."""
    root = Path(__file__).resolve().parent.parent
    if not (root / "pyproject.toml").is_file() or not (root / "requirements" / "app.txt").is_file():
        raise KitError(
            "制作安装包需要 hzconsole 的源代码目录（含 pyproject.toml 和 requirements/app.txt），"
            "请在源代码目录中以 pip install -e . 安装后再运行。"
        )
    return root


def _run(
    cmd: list[str], report: KitReport, *, check: bool = True, isolated: bool = False
) -> subprocess.CompletedProcess:
    """Run pip; `isolated`: with no pip configuration of this machine (a find-links or
    constraint set here must not make the offline check pass)."""
    report.log.append("$ " + " ".join(cmd))
    env = None
    if isolated:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
        env["PIP_CONFIG_FILE"] = os.devnull
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace", env=env)
    report.log.append((done.stdout + done.stderr).rstrip())
    if check and done.returncode != 0:
        raise KitError(
            f"命令失败（退出码 {done.returncode}）：{' '.join(cmd[:4])} ……\n{(done.stderr or done.stdout)[-1500:]}"
        )
    return done


def _build_project_wheel(python: str, root: Path, wheels: Path, report: KitReport) -> None:
    for old in wheels.glob(f"{PROJECT}-*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", tmp, str(root)]
        if _run(cmd, report, check=False).returncode != 0:
            _run(cmd[:5] + cmd[6:], report)  # hatchling not installed here: let pip fetch it
        for whl in Path(tmp).glob("*.whl"):
            shutil.copy2(whl, wheels / whl.name)
            report.wheels.append(whl.name)


def _build_from_source(python: str, pin: Pin, wheels: Path, cache: Path, report: KitReport) -> str:
    """A wheel of a package PyPI has only as source: from its hash-checked sdist, built once
    (cached), and refused unless pure Python."""
    cached = [w for w in cache.glob("*.whl") if wheel_name(w.name) == (pin.key, pin.version)]
    if not cached:
        with tempfile.TemporaryDirectory() as tmp:
            req = Path(tmp) / "source.txt"
            req.write_text(pin.requirement() + "\n", "utf-8")
            _run(
                [
                    python,
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    "--require-hashes",
                    "--no-binary=:all:",
                    "--progress-bar",
                    "off",
                    "-r",
                    str(req),
                    "-d",
                    tmp,
                ],
                report,
            )
            sdists = [p for p in Path(tmp).iterdir() if p.name != "source.txt"]
            if not sdists:
                raise KitError(f"没有下载到 {pin.name} {pin.version} 的源代码包。")
            _run([python, "-m", "pip", "wheel", "--no-deps", "-w", str(cache), str(sdists[0])], report)
        cached = [w for w in cache.glob("*.whl") if wheel_name(w.name) == (pin.key, pin.version)]
    if not cached:
        raise KitError(f"没能把 {pin.name} {pin.version} 的源代码包做成 wheel。")
    if not is_pure_wheel(cached[0].name):
        raise KitError(
            f"{pin.name} {pin.version} 在 PyPI 上只有源代码包，而且不是纯 Python，"
            f"不能为其他平台准备（做出的是 {cached[0].name}）。"
        )
    shutil.copy2(cached[0], wheels / cached[0].name)
    return cached[0].name


def _download(
    python: str,
    target: Target,
    pins: list[Pin],
    wheels: Path,
    cache: Path,
    built: dict[str, str],
    report: KitReport,
    progress: Progress,
) -> None:
    """The locked wheels of `target`; a package with no wheel at all is built from source
    (once for every target) and the download tried again without it."""
    for _attempt in range(MAX_SOURCE_BUILDS + 1):
        todo = [p for p in pins if p.key not in built]
        with tempfile.TemporaryDirectory() as tmp:
            req = Path(tmp) / f"{target.key}.txt"
            req.write_text("".join(p.requirement() + "\n" for p in todo), "utf-8")
            done = _run(download_command(python, target, req, wheels), report, check=False)
        if done.returncode == 0:
            return
        missing = missing_distribution(done.stdout + done.stderr)
        pin = next((p for p in todo if p.key == missing), None)
        # Built here only when PyPI holds one file of it (the sdist): a package with wheels
        # for other platforms but none for this one is compiled code, not to be built here.
        if pin is None or len(pin.hashes) != 1:
            raise KitError(f"下载 {target.label} 的程序包失败：\n{(done.stderr or done.stdout)[-1500:]}")
        progress(f"{pin.name} {pin.version} 没有现成的 wheel，用源代码包制作…")
        built[pin.key] = _build_from_source(python, pin, wheels, cache, report)
        report.built_from_source.append(built[pin.key])
    raise KitError(f"{target.label}：需要从源代码制作的程序包太多（超过 {MAX_SOURCE_BUILDS} 个）。")


def _verify(python: str, target: Target, pins: list[Pin], wheels: Path, report: KitReport) -> None:
    """pip's resolver, offline, for `target`: every locked requirement must resolve to its
    pinned version from the kit's wheels, and nothing else may be needed."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        done = _run(resolve_command(python, target, wheels, out), report, check=False, isolated=True)
        if done.returncode != 0:
            raise KitError(f"{target.label} 的程序包不齐全，安装会失败：\n{(done.stderr or done.stdout)[-1500:]}")
        data = json.loads(out.read_text("utf-8"))
    got = {canonical(i["metadata"]["name"]): i["metadata"]["version"] for i in data.get("install", [])}
    want = {p.key: p.version for p in pins}
    wrong = [f"{k} 需要 {v}，实际 {got.get(k, '无')}" for k, v in want.items() if got.get(k) != v]
    extra = sorted(set(got) - set(want) - {PROJECT})
    if wrong or extra:
        raise KitError(f"{target.label} 解析结果与锁定文件不符：" + "；".join(wrong + [f"多出 {e}" for e in extra]))
    report.resolved[target.key] = sorted(f"{k}=={v}" for k, v in got.items())


def write_scripts(kit: Path, report: KitReport | None = None) -> list[Path]:
    """The install scripts, the launchers and the README, into `kit`."""
    written = []

    def put(name: str, text: str, *, windows: bool, encoding: str = "utf-8") -> None:
        path = kit / name
        data = text.replace("\r\n", "\n")
        if windows:
            data = data.replace("\n", "\r\n")
        path.write_bytes(data.encode(encoding))
        if not windows:
            path.chmod(0o755)
        written.append(path)

    put("install.cmd", INSTALL_CMD, windows=True, encoding=CMD_ENCODING)
    put("hzconsole.cmd", launcher_cmd(), windows=True, encoding=CMD_ENCODING)
    put("hzconsole-browser.cmd", launcher_cmd(serve=True), windows=True, encoding=CMD_ENCODING)
    put("install.sh", INSTALL_SH, windows=False)
    put("hzconsole.sh", launcher_sh(), windows=False)
    # UTF-8 with a BOM: Notepad of every Windows 10 reads it as UTF-8.
    put(README, "\ufeff" + readme(report), windows=True)
    return written


def build_kit(
    kit: Path,
    *,
    python: str | None = None,
    targets: Iterable[Target] = TARGETS,
    cache: Path | None = None,
    progress: Progress = lambda _m: None,
) -> KitReport:
    """Make the kit in `kit` (created, or refreshed in place: wheels already there are not
    downloaded again). Raises KitError with a Chinese message when a target cannot be served."""
    python = python or sys.executable
    root = project_root()
    targets = tuple(targets)
    kit.mkdir(parents=True, exist_ok=True)
    wheels = kit / WHEELS
    wheels.mkdir(exist_ok=True)
    if cache is None:
        from hzconsole.store.paths import data_dir

        cache = data_dir() / "kit-cache"
    cache.mkdir(parents=True, exist_ok=True)
    report = KitReport(kit, targets)
    pins = runtime_pins(read_lock((root / "requirements" / "app.txt").read_text("utf-8")))

    progress("制作 hzconsole 的 wheel…")
    _build_project_wheel(python, root, wheels, report)
    built: dict[str, str] = {}
    for target in targets:
        progress(f"下载 {target.label} 的程序包…")
        _download(python, target, pins_for(target, pins), wheels, cache, built, report, progress)
    for target in targets:
        progress(f"检查 {target.label} 能否只用安装包中的文件安装…")
        _verify(python, target, pins_for(target, pins), wheels, report)
    report.wheels = sorted(p.name for p in wheels.glob("*.whl"))
    write_scripts(kit, report)
    (kit / CHECK_LOG).write_text("\n".join(report.log) + "\n", "utf-8")
    return report
