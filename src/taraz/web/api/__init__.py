"""The open data API under /api/v1/: read-only, the figures of `taraz.stats` in JSON, CSV and
XLSX, code lists with Persian and English names, one error shape, ETag caching, rate limits."""
