"""taraz: a province's foreign trade, from customs declarations to official figures."""

__version__ = "0.1.0"
