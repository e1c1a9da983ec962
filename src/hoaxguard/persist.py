"""Saving and safe loading of hoaxguard models.

Models are stored with `skops <https://skops.readthedocs.io>`_ (a zip of JSON
and ``.npy`` files, no pickle). A plain detector file is read without importing
skops (:mod:`hoaxguard._skops_reader`, which builds only a fixed set of node
kinds and classes); any other file goes through skops. Loading never executes code from the file:
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
trust (or compare the file's SHA-256, see :func:`file_sha256`). Numbers that
break the estimator's contract are refused, though: every float finite, the
threshold in [0, 1], a numeric intercept, as many weights as vocabulary terms
(see :func:`validate_contract`). The uncompressed size of every zip member is
bounded before anything is inflated (zip bombs).
"""

from __future__ import annotations

import hashlib
import numbers
import os
import threading
import warnings
import zipfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "ALLOWED_TYPES",
    "CONTRACT_CHECKS",
    "DEFAULT_MODEL_NAME",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ModelLoadError",
    "ModelVersionWarning",
    "default_model_path",
    "file_sha256",
    "load_model",
    "save_model",
    "validate_contract",
]

FORMAT_NAME = "hoaxguard-model"
FORMAT_VERSION = 1
DEFAULT_MODEL_NAME = "default.skops"
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Largest uncompressed size of one zip member, and of all members together.
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 768 * 1024 * 1024

# our own types that may appear in a model file (besides skops' default-trusted ones)
ALLOWED_TYPES: tuple[str, ...] = (
    "hoaxguard.detect._detector.HoaxDetector",
    "hoaxguard.review._adapt.LocalAdaptedDetector",
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


def _check_zip_sizes(path: Path) -> None:
    """Refuse a zip whose members would inflate beyond the limits (read from the directory).

    :mod:`zipfile` never inflates a member beyond the size its directory entry
    declares, so bounding the declared sizes bounds the memory used by loading.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ModelLoadError(
            f"{path}: not a readable hoaxguard model file (truncated or corrupt?): {exc}"
        ) from None
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise ModelLoadError(
                f"{path}: refused, zip member {info.filename!r} would inflate to "
                f"{info.file_size:,} bytes (limit {MAX_MEMBER_BYTES:,}; a zip bomb?)"
            )
        total += info.file_size
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ModelLoadError(
            f"{path}: refused, the members would inflate to {total:,} bytes in all "
            f"(limit {MAX_UNCOMPRESSED_BYTES:,}; a zip bomb?)"
        )


# --------------------------------------------------------------------------- contract
#: Extra checks per estimator class (``module.QualName`` -> check(model) raising
#: ValueError naming the field). An estimator can instead define
#: ``_validate_contract(self)``; both run after the generic checks.
CONTRACT_CHECKS: dict[str, Callable[[Any], None]] = {}


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _float_arrays(name: str, value: Any, depth: int = 0) -> list[tuple[str, Any]]:
    """(name, value) of every float array/scalar inside ``value`` (lists, dicts, estimators)."""
    import numpy as np

    if depth > 6:
        return []
    out: list[tuple[str, Any]] = []
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc":
            out.append((name, value))
    elif isinstance(value, (float, np.floating)):
        out.append((name, value))
    elif isinstance(value, dict):
        for k, v in value.items():
            out += _float_arrays(f"{name}[{k!r}]", v, depth + 1)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            out += _float_arrays(f"{name}[{i}]", v, depth + 1)
    elif hasattr(value, "get_params"):
        fitted = _fitted(value)
        if isinstance(fitted.get("vocabulary_"), dict) and hasattr(value, "idf_"):
            fitted["idf_"] = np.asarray(value.idf_)  # a property of TfidfVectorizer
        for k, v in fitted.items():
            if k not in ("vocabulary_", "stop_words_"):
                out += _float_arrays(f"{name}.{k}", v, depth + 1)
        for step_name, step in getattr(value, "steps", None) or []:  # Pipeline
            out += _float_arrays(f"{name}.{step_name}", step, depth + 1)
    return out


def _fitted(est: Any) -> dict[str, Any]:
    """The fitted attributes (``name_``) of an estimator."""
    return {
        k: v for k, v in vars(est).items() if k.endswith("_") and not k.startswith("_")
    }


def _vectorizers(value: Any, depth: int = 0) -> list[Any]:
    """Fitted vectorizers (objects with a ``vocabulary_`` mapping) inside ``value``, in order."""
    if depth > 6:
        return []
    if isinstance(getattr(value, "vocabulary_", None), dict):
        return [value]
    found: list[Any] = []
    if isinstance(value, (list, tuple)):
        for v in value:
            found += _vectorizers(v, depth + 1)
    elif isinstance(value, dict):
        for v in value.values():
            found += _vectorizers(v, depth + 1)
    elif hasattr(value, "get_params"):
        if depth and "coef_" in _fitted(value):
            return found  # a nested model (e.g. a base detector) is checked on its own
        for v in _fitted(value).values():
            found += _vectorizers(v, depth + 1)
        for step in getattr(value, "steps", None) or []:  # Pipeline
            found += _vectorizers(step, depth + 1)
        for item in getattr(value, "transformer_list", None) or []:  # FeatureUnion
            found += _vectorizers(item, depth + 1)
    return found


def _generic_contract(model: Any) -> None:
    """Checks every fitted linear text model must pass; raises ValueError naming the field."""
    import numpy as np

    if not hasattr(model, "get_params"):
        return
    fitted = _fitted(model)
    for name, value in _float_arrays("model", model):
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{name.removeprefix('model.')} holds non-finite numbers (NaN/inf)")
    if "threshold_" in fitted:
        t = fitted["threshold_"]
        if not _is_real(t) or not 0.0 <= float(t) <= 1.0:
            raise ValueError(f"threshold_ must be a probability in [0, 1], not {t!r}")
    if "intercept_" in fitted:
        b = fitted["intercept_"]
        arr = np.asarray(b) if isinstance(b, (np.ndarray, list, tuple)) else None
        if not (_is_real(b) or (arr is not None and arr.dtype.kind in "fiu" and arr.size)):
            raise ValueError(f"intercept_ must be a number, not {type(b).__name__}")
    for value in fitted.values():
        if hasattr(value, "get_params") and "coef_" in _fitted(value):
            _generic_contract(value)  # a nested model: its own weights and vocabulary
    if "coef_" not in fitted:
        return
    coef = fitted["coef_"]
    if not isinstance(coef, np.ndarray) or coef.dtype.kind not in "fiu" or coef.ndim not in (1, 2):
        raise ValueError(f"coef_ must be a 1-d or 2-d numeric array, not {type(coef).__name__}")
    width = int(coef.shape[-1])
    n_features = fitted.get("n_features_", fitted.get("n_features_in_"))
    if n_features is not None and (not _is_real(n_features) or int(n_features) != width):
        raise ValueError(f"coef_ has {width} weights but n_features_ is {n_features!r}")
    vecs = _vectorizers([v for k, v in fitted.items() if k != "coef_"])
    for i, v in enumerate(vecs):
        idf = getattr(v, "idf_", None)
        if idf is not None and len(np.asarray(idf)) != len(v.vocabulary_):
            raise ValueError(
                f"vectorizer {i}: idf_ has {len(np.asarray(idf))} values for "
                f"{len(v.vocabulary_)} vocabulary terms"
            )
    if vecs:
        vocab = sum(len(v.vocabulary_) for v in vecs)
        if vocab != width:
            raise ValueError(
                f"coef_ has {width} weights but the vocabulary has {vocab} terms"
            )


def validate_contract(model: Any) -> None:
    """Check a loaded model against its estimator's contract.

    Generic checks (every float finite; ``threshold_`` in [0, 1]; ``intercept_``
    numeric; ``coef_`` numeric, as wide as ``n_features_`` and as the summed
    vocabulary sizes of the fitted vectorizers), then the class's entry in
    :data:`CONTRACT_CHECKS` and its ``_validate_contract()`` method, if any.

    Raises
    ------
    ValueError
        Naming the field that breaks the contract.
    """
    _generic_contract(model)
    cls = type(model)
    extra = CONTRACT_CHECKS.get(f"{cls.__module__}.{cls.__qualname__}")
    if extra is not None:
        extra(model)
    hook = getattr(model, "_validate_contract", None)
    if callable(hook):
        hook()


def _read_payload(path: Path) -> Any:
    """The saved object: read directly when it is a plain detector file, else with skops.

    :func:`hoaxguard._skops_reader.read_skops` builds the few node kinds a
    :class:`HoaxDetector` file uses without importing skops (a second of start-up);
    any other content goes through skops' own type checks and loader.
    """
    from hoaxguard._skops_reader import Unsupported, read_skops

    try:
        return read_skops(path)
    except Unsupported:
        pass
    import skops.io as sio

    trusted = _check_types(path, sio)
    try:
        return sio.load(path, trusted=trusted)
    except ModelLoadError:
        raise
    except Exception as exc:
        raise ModelLoadError(f"{path}: could not load model: {type(exc).__name__}: {exc}") from exc


def _load_file(path: Path) -> Any:
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
    _check_zip_sizes(path)
    payload = _read_payload(path)
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
    try:
        validate_contract(model)
    except (ValueError, TypeError) as exc:
        raise ModelLoadError(f"{path}: refused, the model breaks its contract: {exc}") from None
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
