"""Stage 3, composing: pure functions from loaded values to the one document model."""
