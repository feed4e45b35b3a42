"""Take the README's screenshot of the home page: `python docs/screenshot.py http://127.0.0.1:8000/vi/`.

Run it against `make run` (demo content loaded); it writes docs/home.png, 1280 pixels wide, with a
256-colour palette to keep the repository small. Needs Chromium (`CHROMIUM=` to point at it).
"""

import os
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


OUT = Path(__file__).with_name("home.png")


def main(url, out=OUT):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=FLAGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        # Lazy images load only near the viewport: make them eager for a full-page picture.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        page.wait_for_load_state("networkidle")
        page.wait_for_function("Array.from(document.images).every(i => i.complete)")
        page.screenshot(path=str(out), full_page=True)
        browser.close()
    image = Image.open(out).convert("P", palette=Image.ADAPTIVE, colors=256)
    image.save(out, optimize=True)
    print(f"{out} {image.size[0]}x{image.size[1]}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/vi/")
