"""Stage 4, rendering: the document model → bytes of each format; no content decisions."""
