"""The production layout of deploy/ read as an operator's machine would: the environment file, the systemd
units' commands (run here with this checkout's paths) and the nginx site rendered from its template."""

import re
import shlex
import socket
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
DEPLOY_DIR = BASE_DIR / "deploy"
# Where the units expect the checkout (their WorkingDirectory and ExecStart paths).
UNIT_APP_DIR = "/srv/ddd"


def env_file(path=DEPLOY_DIR / "env.example"):
    """(values, documented): the KEY=value lines systemd would set, and every name the file mentions,
    commented ones (`# KEY=default`) included."""
    values, documented = {}, []
    for line in Path(path).read_text().splitlines():
        match = re.match(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$", line)
        if not match:
            continue
        documented.append(match.group(2))
        if not match.group(1):
            values[match.group(2)] = " ".join(shlex.split(match.group(3)))
    return values, documented


def unit_command(unit, instance="", state_dir=""):
    """The ExecStart of a unit in deploy/systemd as argv, with this checkout in place of /srv/ddd and the
    systemd specifiers it uses filled in (%i the instance, %S the state directory, %H the host)."""
    text = (DEPLOY_DIR / "systemd" / unit).read_text()
    (line,) = [line for line in text.splitlines() if line.startswith("ExecStart=")]
    command = line.removeprefix("ExecStart=").replace(UNIT_APP_DIR, str(BASE_DIR))
    for specifier, value in (("%i", instance), ("%S", state_dir), ("%H", socket.gethostname())):
        command = command.replace(specifier, value)
    return shlex.split(command)
