"""hzconsole: the desk console of a township River Chief Office (乡镇河长办)."""

__version__ = "0.1.0"
