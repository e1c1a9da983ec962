"""A small reader of the skops files hoaxguard writes, without importing skops.

``import skops.io`` costs more than a second (it imports every scikit-learn
estimator to list the trusted types), longer than loading the model itself. A
file saved by :func:`hoaxguard.save_model` holding a :class:`HoaxDetector`
uses only a handful of skops node kinds (dicts, lists, tuples, JSON values,
numpy arrays and the detector's own state), so this module reads those
directly, following skops' construction rules exactly (``cls.__new__`` then
``__setstate__``, memoised by the saved ``__id__``).

It never imports a type named in the file: classes come from a fixed mapping
of the few hoaxguard types it builds, type names from a fixed table of
builtins, arrays from ``.npy`` members read with ``allow_pickle=False``.
Anything else (another node kind or class, another protocol, a malformed
schema) raises :class:`Unsupported`, and :mod:`hoaxguard.persist` then loads
the file with skops itself, with its usual type checks and error messages.
"""

from __future__ import annotations

import importlib
import io
import json
import zipfile
from typing import Any

__all__ = ["SUPPORTED_PROTOCOL", "Unsupported", "read_skops"]

#: The skops schema protocol this reader follows (skops' ``PROTOCOL`` of 0.10-0.16).
SUPPORTED_PROTOCOL = 2

#: The only classes built from an ``ObjectNode`` (module, class) -> (module to import, name).
_OBJECT_CLASSES: dict[tuple[str, str], tuple[str, str]] = {
    ("hoaxguard.detect._detector", "HoaxDetector"): ("hoaxguard.detect._detector", "HoaxDetector"),
}

_BUILTIN_TYPES: dict[tuple[str, str], type] = {
    ("builtins", name): t
    for name, t in (("str", str), ("int", int), ("float", float), ("bool", bool),
                    ("tuple", tuple), ("list", list), ("dict", dict), ("NoneType", type(None)))
}

_NUMPY_SCALARS = ("float64", "float32", "float16", "int64", "int32", "int16", "int8",
                  "uint64", "uint32", "uint16", "uint8", "bool_")


class Unsupported(Exception):
    """The file uses something this reader does not build (skops must read it)."""


class _Reader:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.memo: dict[int, Any] = {}

    def build(self, state: Any) -> Any:
        if not isinstance(state, dict):
            raise Unsupported("a node is not a JSON object")
        saved_id = state.get("__id__")
        loader = state.get("__loader__")
        if loader == "CachedNode":
            if saved_id not in self.memo:
                raise Unsupported("a cached node refers to an unknown object")
            return self.memo[saved_id]
        if saved_id is not None and saved_id in self.memo:
            return self.memo[saved_id]  # skops returns the node first built for this id
        method = _LOADERS.get(loader)
        if method is None:
            raise Unsupported(f"node kind {loader!r}")
        value = method(self, state, (state.get("__module__"), state.get("__class__")))
        if saved_id is not None:
            self.memo[saved_id] = value
        return value

    # one method per skops node kind ----------------------------------------------------
    def json_node(self, state: dict[str, Any], kind: tuple[Any, Any]) -> Any:
        content = state["content"]
        if not isinstance(content, str):
            raise Unsupported("a JSON node without a JSON string")
        return json.loads(content)

    def dict_node(self, state: dict[str, Any], kind: tuple[Any, Any]) -> dict[Any, Any]:
        if kind != ("builtins", "dict"):
            raise Unsupported(f"mapping type {kind}")
        key_types = self.build(state["key_types"])
        content = state["content"]
        if not isinstance(content, dict) or not isinstance(key_types, list):
            raise Unsupported("a malformed dict node")
        values = {key: self.build(value) for key, value in content.items()}
        if len(key_types) < len(values):
            raise Unsupported("a dict node with fewer key types than keys")
        return {k_type(key): value
                for k_type, (key, value) in zip(key_types, values.items(), strict=False)}

    def list_node(self, state: dict[str, Any], kind: tuple[Any, Any]) -> list[Any]:
        if kind != ("builtins", "list"):
            raise Unsupported(f"sequence type {kind}")
        return [self.build(v) for v in self._items(state)]

    def tuple_node(self, state: dict[str, Any], kind: tuple[Any, Any]) -> tuple[Any, ...]:
        if kind != ("builtins", "tuple"):
            raise Unsupported(f"tuple type {kind}")  # e.g. a namedtuple
        return tuple(self.build(v) for v in self._items(state))

    def type_node(self, state: dict[str, Any], kind: tuple[Any, Any]) -> type:
        t = _BUILTIN_TYPES.get(kind)
        if t is None:
            raise Unsupported(f"type {kind}")
        return t

    def array_node(self, state: dict[str, Any], kind: tuple[Any, Any]) -> Any:
        import numpy as np

        if state.get("type") == "numpy":
            name = state.get("file")
            if not isinstance(name, str):
                raise Unsupported("an array node without a file")
            array = np.load(io.BytesIO(self.zf.read(name)), allow_pickle=False)
            if kind == ("numpy", "ndarray"):
                return array
            if kind[0] == "numpy" and kind[1] in _NUMPY_SCALARS:
                return getattr(np, kind[1])(array)
            raise Unsupported(f"array type {kind}")
        if state.get("type") == "json" and kind == ("numpy", "ndarray"):
            items = [self.build(v) for v in self._items(state)]
            shape = self.build(state["shape"])
            if not isinstance(shape, (tuple, list)) or len(shape) != 1:
                raise Unsupported("an object array that is not 1-d")
            out = np.ndarray(shape=len(items), dtype="O")
            for i, v in enumerate(items):
                out[i] = v
            return out
        raise Unsupported(f"array node of type {state.get('type')!r}")

    def object_node(self, state: dict[str, Any], kind: tuple[Any, Any]) -> Any:
        target = _OBJECT_CLASSES.get(kind)
        if target is None:
            raise Unsupported(f"object of type {kind}")
        cls = getattr(importlib.import_module(target[0]), target[1])
        instance = cls.__new__(cls)
        content = state.get("content")
        if content is None:
            return instance
        attrs = self.build(content)
        if attrs is not None:
            if not isinstance(attrs, dict):
                raise Unsupported("an object whose state is not a dict")
            instance.__setstate__(attrs)
        return instance

    @staticmethod
    def _items(state: dict[str, Any]) -> list[Any]:
        items = state["content"]
        if not isinstance(items, list):
            raise Unsupported("a sequence node without a list")
        return items


_LOADERS = {
    "JsonNode": _Reader.json_node,
    "DictNode": _Reader.dict_node,
    "ListNode": _Reader.list_node,
    "TupleNode": _Reader.tuple_node,
    "TypeNode": _Reader.type_node,
    "NdArrayNode": _Reader.array_node,
    "ObjectNode": _Reader.object_node,
}


def read_skops(path: Any) -> Any:
    """The object saved in the skops file ``path``, built without skops.

    Raises
    ------
    Unsupported
        For anything outside the node kinds and classes above, and for any
        malformed content: the caller then falls back to ``skops.io.load``.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            schema = json.loads(zf.read("schema.json"))
            if not isinstance(schema, dict) or schema.get("protocol") != SUPPORTED_PROTOCOL:
                raise Unsupported("another skops protocol")
            return _Reader(zf).build(schema)
    except Unsupported:
        raise
    except Exception as exc:  # malformed in any way: skops reports it in its own words
        raise Unsupported(f"{type(exc).__name__}: {exc}") from exc
