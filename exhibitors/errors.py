"""The showcase's domain error, shared by models (references) and services (every rule)."""


class ExhibitorError(Exception):
    """A rule of the showcase said no; `code` is machine-readable, the message is for people."""

    def __init__(self, message, code="invalid"):
        super().__init__(str(message))
        self.message = message
        self.code = code
