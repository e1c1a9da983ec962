"""hoaxguard: find likely hoaxes in Indonesian text and answer them with facts.

The public API is re-exported here lazily, so ``import hoaxguard`` stays fast and
heavy modules (scikit-learn, pandas) load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from hoaxguard._version import __version__

# public name -> module that defines it (imported on first attribute access)
_LAZY: dict[str, str] = {
    # text
    "TextPreprocessor": "hoaxguard.text",
    "normalize": "hoaxguard.text",
    "preprocess": "hoaxguard.text",
    # detect
    "HoaxDetector": "hoaxguard.detect",
    # persistence
    "load_model": "hoaxguard.persist",
    "save_model": "hoaxguard.persist",
    "ModelLoadError": "hoaxguard.persist",
    # counter-narratives
    "CounterNarrativeLibrary": "hoaxguard.counter",
    "Template": "hoaxguard.counter",
    "render": "hoaxguard.counter",
    # batch scoring
    "score_frame": "hoaxguard.batch",
    "score_file": "hoaxguard.batch",
    "ScoreSummary": "hoaxguard.batch",
    # reports
    "cluster_narratives": "hoaxguard.report",
    "add_cluster_columns": "hoaxguard.report",
    "build_report": "hoaxguard.report",
    "write_report": "hoaxguard.report",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'hoaxguard' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
