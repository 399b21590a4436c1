"""The print edition (PDF/X-4): set-up, CMYK colours, finishing and preflight."""
