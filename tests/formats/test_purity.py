"""``prozesse.formats`` is pure: importing every one of its modules loads no Django (nor Wagtail).

The check runs in a fresh interpreter, because this test process has Django loaded already.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = ROOT / "prozesse" / "formats"

PROBE = """
import importlib, json, pkgutil, sys

before = sorted(name for name in sys.modules if name.split(".")[0] in ("django", "wagtail"))
import prozesse.formats as package

names = [package.__name__]
names += [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in names:
    importlib.import_module(name)
after = sorted(name for name in sys.modules if name.split(".")[0] in ("django", "wagtail"))
print(json.dumps({"before": before, "modules": names, "after": after}))
"""


def module_names_on_disk() -> set[str]:
    names = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_no_module_of_the_format_package_imports_django():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)
    assert probe["before"] == []
    assert set(probe["modules"]) == module_names_on_disk()
    assert probe["after"] == []
