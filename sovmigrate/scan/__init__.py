"""The scanner: discovery, prefilter, per-file analysis (libcst for Python), cache and parallel runner."""
