"""Deprecated alias of registration.codes: import from there.

A module named `secrets` shadows the standard library's when a command runs from inside this folder
(as `makemessages` does); until the last import of this alias is gone, it stands in for the standard
library module in that case.
"""

if __name__ == "secrets":  # imported as the standard library's module: load the real one
    import importlib.util
    import os
    import sysconfig

    _spec = importlib.util.spec_from_file_location(
        "secrets", os.path.join(sysconfig.get_paths()["stdlib"], "secrets.py")
    )
    _module = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_module)
    globals().update({k: v for k, v in _module.__dict__.items() if not k.startswith("__")})
else:
    from registration.codes import ALPHABET, SECRET_LENGTH, generate_reference, generate_secret  # noqa: F401
