"""Attribution: from a parsed spaCy Doc to `Quote`s, with no I/O (see `attributor` for the steps)."""
from .attributor import Attributor

__all__ = ["Attributor"]
