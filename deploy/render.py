"""Fill a deploy template's `${NAME}` placeholders: `python deploy/render.py TEMPLATE NAME=value ...`.

Values come from the arguments, then from the environment. Only `${UPPER_CASE}` is a placeholder, so
nginx's own variables (`$host`, `$remote_addr`) pass through untouched; a placeholder left without a
value is an error rather than an empty string in a configuration file. The result goes to stdout.
"""

import os
import re
import sys
from pathlib import Path

PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")


def placeholders(text):
    """The placeholder names in a template, in order of first appearance."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def render(text, values):
    missing = [name for name in placeholders(text) if name not in values]
    if missing:
        raise KeyError(f"no value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    template = Path(argv[0]).read_text()
    values = {**os.environ, **dict(arg.split("=", 1) for arg in argv[1:])}
    try:
        sys.stdout.write(render(template, values))
    except KeyError as error:
        print(f"{argv[0]}: {error.args[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
