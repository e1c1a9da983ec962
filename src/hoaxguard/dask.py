"""Dask engine for batch scoring (optional extra: ``pip install 'hoaxguard[dask]'``).

``score_dask(ddf, ...)`` scores a Dask DataFrame lazily with ``map_partitions``,
broadcasting the model and template library to the workers once;
``score_dask_files(input, output, ...)`` scores partitioned Parquet/CSV files on a
cluster (what ``hoaxguard score --engine dask`` runs).
"""

from hoaxguard.batch._dask import score_dask, score_dask_files

__all__ = ["score_dask", "score_dask_files"]
