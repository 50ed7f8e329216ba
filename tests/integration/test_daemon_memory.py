"""An idle daemon keeps what publishing needs; composing's libraries load with a new article."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.config import write_config
from tests.support.net import closed_port_url

CHECK = """
import sys
from sosmed.daemon import Daemon
from sosmed.office import Office
from sosmed.settings import Settings

office = Office(Settings.load(sys.argv[1]))
office.store.add_feed(sys.argv[2], [], False)
Daemon(office, worker="idle").run_once()
office.close()
print(" ".join(m for m in ("jinja2", "PIL", "stopwordsiso", "sosmed.compose.build")
               if m in sys.modules))
"""


def test_a_poll_that_brings_nothing_loads_no_composer(tmp_path: Path) -> None:
    # The feed's address refuses connections: the poll runs, finds nothing and composes nothing.
    write_config(tmp_path, {"allow_private_hosts": True, "accounts": []})
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(tmp_path), closed_port_url() + "/rss.xml"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
