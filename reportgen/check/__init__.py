"""Stage 2, checking: cross-checks and placeholder evaluation after loading, before composing."""
