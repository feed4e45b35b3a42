"""The site template under a private nginx on loopback, for the smoke test (tests/deploy) and `make bench`.

`nginx_binary()` finds Debian's nginx; `main_conf()` writes a main configuration of its own (pid, logs and
temporary files in one folder, Debian's MIME types) around the rendered site, so that nginx runs beside
the system's, as any user, on any free port.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from deploy.render import render

DEPLOY_DIR = Path(__file__).resolve().parent
SITE_TEMPLATE = DEPLOY_DIR / "nginx" / "ddd.conf.template"


def nginx_binary():
    """Debian's nginx (in /usr/sbin, often not on a user's PATH), or None."""
    found = shutil.which("nginx")
    return found or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def render_site(**values):
    return render(SITE_TEMPLATE.read_text(), values)


def site_values(proxy_port, app_ports, static_root, media_root):
    """The template's values for a plain-HTTP listener on loopback in front of `app_ports`."""
    return {
        "LISTEN": f"127.0.0.1:{proxy_port}",
        "SERVER_NAME": "127.0.0.1",
        "APP_SERVERS": " ".join(f"server 127.0.0.1:{port};" for port in app_ports),
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
    }


def main_conf(nginx, directory, site):
    """Write `site` and a main nginx.conf around it into `directory`; return the main file's path."""
    # noqa below: `nginx` is the binary nginx_binary() found, not outside input.
    version = subprocess.run([nginx, "-V"], capture_output=True, text=True, check=True).stderr  # noqa: S603
    conf_path = re.search(r"--conf-path=(\S+)", version)
    mime_types = Path(conf_path.group(1) if conf_path else "/etc/nginx/nginx.conf").with_name("mime.types")
    directory = Path(directory)
    (directory / "site.conf").write_text(site)
    temp = "\n".join(
        f"    {kind}_temp_path {directory / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Started as root (CI), nginx's workers would drop to `nobody`, which cannot read private temp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (directory / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {directory / 'nginx.pid'};\nerror_log {directory / 'error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        f"    include {mime_types};\n    default_type application/octet-stream;\n"
        f"    access_log off;\n{temp}\n"
        f"    include {directory / 'site.conf'};\n}}\n"
    )
    return directory / "nginx.conf"


def command(nginx, conf):
    """nginx in the foreground (the caller owns the process) with this configuration."""
    directory = Path(conf).parent
    return [
        nginx,
        "-c",
        str(conf),
        "-p",
        str(directory),
        "-e",
        str(directory / "error.log"),
        "-g",
        "daemon off;",
    ]
