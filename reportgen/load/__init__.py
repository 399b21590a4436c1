"""Stage 1, loading: files → typed values; knows the Open SDG format, never an output."""
