"""The travelling file: copies of one file merged (merge.py), townships' files rolled up into a
county file (rollup.py)."""
