"""Static files storage: whitenoise's hashed, compressed files, made quickly (gzip only, no
brotli pass over plotly's 4.8 MB; source maps left uncompressed)."""

from __future__ import annotations

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs):
        extensions = kwargs.pop("extensions", None) or Compressor.SKIP_COMPRESS_EXTENSIONS
        return Compressor(extensions=(*extensions, "map"), use_brotli=False, **kwargs)
