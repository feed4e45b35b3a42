"""Browser tests: a real Chromium driven by Playwright against Django's live server."""

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"
# Chromium may not reach the outside world here: keep it from trying.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM} (install it with apt-get install chromium, or set CHROMIUM=)"
    elif not AXE.exists():
        reason = "node_modules/axe-core is missing: run `make install`"
    for item in items:
        if "tests/e2e" in str(item.fspath) or "e2e" in item.keywords:
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as an inline script, which our Content-Security-Policy rightly forbids.
    return {**browser_context_args, "bypass_csp": True, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def settle_animations(page):
    """Bring the page's finite animations to their end state (Wagtail's messages slide in: axe would read
    their colours half-way and report a contrast they do not have). Finished, not awaited: Wagtail's
    "new items in this menu" badge pings for 25 seconds on every admin page."""
    page.evaluate(
        """() => document.getAnimations()
            .filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
            .forEach((a) => a.finish())"""
    )


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core in the page and return the violations of the given impacts, readable in a failure."""
    settle_animations(page)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
        if v["impact"] in impacts
    ]


def make_y4m(secret, folder):
    """A two-second video of the ticket's QR code, for Chromium's fake camera."""
    from core.qr import qr_png

    png = folder / "qr.png"
    png.write_bytes(qr_png(secret, box_size=8))
    y4m = folder / "qr.y4m"
    subprocess.run(
        [FFMPEG, "-loglevel", "error", "-y", "-loop", "1", "-i", str(png), "-t", "2",
         "-vf", "pad=640:480:(ow-iw)/2:(oh-ih)/2:white", "-pix_fmt", "yuv420p", str(y4m)],
        check=True,
        timeout=60,
    )  # fmt: skip
    return y4m


@contextmanager
def fake_camera_page(browser_type, video):
    """A page in its own Chromium whose camera films `video` (a .y4m), with the camera allowed."""
    browser = browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_FLAGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video.resolve()}",
        ],
    )
    try:
        context = browser.new_context(
            permissions=["camera"], bypass_csp=True, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
        )
        yield context.new_page()
        context.close()
    finally:
        browser.close()


def log_in_to_admin(page, base_url, username, password):
    """Sign in through the Wagtail admin's login form, and wait for its dashboard."""
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
