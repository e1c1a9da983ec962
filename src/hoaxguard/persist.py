"""Saving and safe loading of hoaxguard models.

Models are stored with `skops <https://skops.readthedocs.io>`_ (a zip of JSON
and ``.npy`` files, no pickle). Loading never executes code from the file:
every type named in the file must be one that skops trusts by default
(builtins, numpy, scipy and scikit-learn estimators) or on hoaxguard's own
allow-list (:data:`ALLOWED_TYPES`); anything else is refused *before* any
object is built. The file also carries a small header (format name and
version, hoaxguard/scikit-learn versions) checked on load.

What this does and does not protect against: a truncated, corrupt or foreign
file, and a file naming unexpected types (e.g. ``os.system``), are refused with
:class:`ModelLoadError`. A file with *valid structure but altered numbers*
(weights, threshold) loads: no format can tell a maliciously retrained model
from a genuine one without a signature, so only load models from a source you
trust (or compare the file's SHA-256, see :func:`file_sha256`).
"""

from __future__ import annotations

import hashlib
import os
import threading
import warnings
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "ALLOWED_TYPES",
    "DEFAULT_MODEL_NAME",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ModelLoadError",
    "ModelVersionWarning",
    "default_model_path",
    "file_sha256",
    "load_model",
    "save_model",
]

FORMAT_NAME = "hoaxguard-model"
FORMAT_VERSION = 1
DEFAULT_MODEL_NAME = "default.skops"
MAX_FILE_BYTES = 200 * 1024 * 1024

# our own types that may appear in a model file (besides skops' default-trusted ones)
ALLOWED_TYPES: tuple[str, ...] = (
    "hoaxguard.detect._detector.HoaxDetector",
    "hoaxguard.text._preprocessor.TextPreprocessor",
    "sklearn.pipeline.Pipeline",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.CountVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
)

_cache_lock = threading.Lock()
_default_cache: dict[str, Any] = {}


class ModelLoadError(Exception):
    """A model file that is missing, truncated, corrupt, foreign or not allowed."""


class ModelVersionWarning(UserWarning):
    """The model was saved by another hoaxguard version."""


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 hex digest of a file (to compare with a published checksum)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def default_model_path() -> Path:
    """Path of the model bundled with the package (``hoaxguard/_data/models``)."""
    return Path(str(resources.files("hoaxguard") / "_data" / "models" / DEFAULT_MODEL_NAME))


def save_model(model: Any, path: str | os.PathLike[str]) -> Path:
    """Save a fitted model with skops (compressed), with a version header.

    Parameters
    ----------
    model : estimator
        Usually a fitted :class:`hoaxguard.HoaxDetector`.
    path : path-like
        Destination (``.skops`` by convention); parent folders are created.

    Returns
    -------
    Path
    """
    import sklearn
    import skops.io as sio

    from hoaxguard._version import __version__

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "hoaxguard_version": __version__,
        "sklearn_version": sklearn.__version__,
        "model": model,
    }
    tmp = path.with_name(path.name + ".tmp")
    sio.dump(payload, tmp, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    os.replace(tmp, path)
    return path


def _check_types(path: Path, sio: Any) -> list[str]:
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError, OSError) as exc:
        raise ModelLoadError(
            f"{path}: not a readable hoaxguard model file (truncated or corrupt?): {exc}"
        ) from exc
    except Exception as exc:  # skops raises various errors on malformed schemas
        raise ModelLoadError(f"{path}: not a valid model file: {type(exc).__name__}: {exc}") from exc
    refused = sorted(set(untrusted) - set(ALLOWED_TYPES))
    if refused:
        raise ModelLoadError(
            f"{path}: refused, the file names types outside hoaxguard's allow-list "
            f"(loading could run foreign code): {', '.join(refused[:8])}"
        )
    return list(untrusted)


def _load_file(path: Path) -> Any:
    import skops.io as sio

    from hoaxguard._version import __version__

    if not path.is_file():
        raise ModelLoadError(f"{path}: no such model file")
    size = path.stat().st_size
    if size == 0 or size > MAX_FILE_BYTES:
        raise ModelLoadError(f"{path}: implausible model file size ({size} bytes)")
    if not zipfile.is_zipfile(path):
        raise ModelLoadError(
            f"{path}: not a hoaxguard model (expected a .skops zip; truncated, corrupt or "
            "a pickle/joblib file? those are not loaded for safety)"
        )
    trusted = _check_types(path, sio)
    try:
        payload = sio.load(path, trusted=trusted)
    except ModelLoadError:
        raise
    except Exception as exc:
        raise ModelLoadError(f"{path}: could not load model: {type(exc).__name__}: {exc}") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
        raise ModelLoadError(f"{path}: not a hoaxguard model file (no '{FORMAT_NAME}' header)")
    fmt = payload.get("format_version")
    if not isinstance(fmt, int) or fmt > FORMAT_VERSION:
        raise ModelLoadError(
            f"{path}: model file format {fmt!r} is newer than this hoaxguard supports "
            f"({FORMAT_VERSION}); upgrade hoaxguard"
        )
    saved = payload.get("hoaxguard_version")
    if saved != __version__:
        warnings.warn(
            f"{path}: model saved by hoaxguard {saved}, running {__version__}; "
            "scores may differ, retrain when possible",
            ModelVersionWarning, stacklevel=3,
        )
    model = payload.get("model")
    if model is None:
        raise ModelLoadError(f"{path}: model file holds no model")
    return model


def load_model(path: str | os.PathLike[str] | None = None) -> Any:
    """Load a model saved by :func:`save_model`; None loads the bundled default.

    The bundled default model is cached in-process (loaded once); pass a path
    to always read a file.

    Raises
    ------
    ModelLoadError
        Missing, truncated, corrupt, foreign or disallowed file.
    """
    if path is not None:
        return _load_file(Path(path))
    with _cache_lock:
        model = _default_cache.get("default")
        if model is None:
            p = default_model_path()
            if not p.is_file():
                raise ModelLoadError(
                    f"the bundled default model is missing ({p}); reinstall hoaxguard or "
                    "train one with `python -m hoaxguard.detect.train_default`"
                )
            model = _load_file(p)
            _default_cache["default"] = model
    return model
