"""Borderlines' data layer: the only code that reads data/. Pages call `load(name)`; staff run `python -m catalog`."""

from catalog.datasets import DATASETS, Dataset
from catalog.problems import DataFileError, Problem
from catalog.store import Catalog, country_names, load, load_catalog
from catalog.translations import translated

__all__ = ["DATASETS", "Catalog", "DataFileError", "Dataset", "Problem", "country_names", "load", "load_catalog",
           "translated"]
