"""The production layout of deploy/ read as an operator's machine would: the environment file, the systemd
units' commands (run here with this checkout's paths) and the nginx site rendered from its template."""

import os
import re
import shlex
import shutil
import socket
import subprocess
from pathlib import Path

from deploy.render import render

BASE_DIR = Path(__file__).resolve().parents[2]
DEPLOY_DIR = BASE_DIR / "deploy"
# Where the units expect the checkout (their WorkingDirectory and ExecStart paths).
UNIT_APP_DIR = "/srv/ddd"


def nginx_binary():
    """Debian's nginx (in /usr/sbin, often not on a user's PATH), or None."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


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


def render_site(**values):
    return render((DEPLOY_DIR / "nginx" / "ddd.conf.template").read_text(), values)


def nginx_main_conf(nginx, directory, site):
    """A main nginx.conf for a process of our own (its pid, logs and temporary files in `directory`),
    with Debian's MIME types and the rendered `site` in its http block."""
    version = subprocess.run([nginx, "-V"], capture_output=True, text=True, check=True).stderr
    conf_path = re.search(r"--conf-path=(\S+)", version)
    mime_types = Path(conf_path.group(1) if conf_path else "/etc/nginx/nginx.conf").with_name("mime.types")
    directory = Path(directory)
    (directory / "site.conf").write_text(site)
    temp = "\n".join(
        f"    {kind}_temp_path {directory / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Run as root (CI), nginx's workers would drop to `nobody`, which cannot read the test's files.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\npid {directory / 'nginx.pid'};\nerror_log {directory / 'error.log'} warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"    include {mime_types};\n    default_type application/octet-stream;\n"
        f"    access_log {directory / 'access.log'};\n{temp}\n"
        f"    include {directory / 'site.conf'};\n}}\n"
    )
