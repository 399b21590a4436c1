"""reportgen: Integrationsberichte aus Open-SDG-Indikatordaten (load → compose → render)."""

__version__ = "0.1.0"
