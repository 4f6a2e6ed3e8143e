"""Settings of the gunicorn server under load: the production settings unchanged, plus the
``Server-Timing`` header (bench/load/timing.py) and static files collected into a scratch folder.

The load run sets the environment production needs (SECRET_KEY, SECURE_COOKIES=false because the
server answers on plain HTTP on loopback, a mail backend that drops mails).
"""

import os
from pathlib import Path

from intranet.settings.production import *  # noqa: F403

MIDDLEWARE = ["bench.load.timing.ServerTimingMiddleware", *MIDDLEWARE]  # noqa: F405
STATIC_ROOT = Path(os.environ.get("LOAD_STATIC_ROOT", DATA_DIR / "load-static"))  # noqa: F405
