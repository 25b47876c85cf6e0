"""Static files that ship inside other installed packages, found where they are installed:
plotly's JavaScript from the plotly wheel and the Vazirmatn fonts from `taraz.publish`. Nothing
is fetched from a CDN."""

from __future__ import annotations

from importlib import util
from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage


def _package_dir(name: str) -> Path | None:
    spec = util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def vendor_files() -> dict[str, Path]:
    """Static path -> file on disk, for the files that exist in this installation."""
    out: dict[str, Path] = {}
    plotly = _package_dir("plotly")
    if plotly is not None:
        out["vendor/plotly.min.js"] = plotly / "package_data" / "plotly.min.js"
    taraz = _package_dir("taraz")
    if taraz is not None:
        fonts = taraz / "publish" / "fonts"
        for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf", "OFL.txt"):
            out[f"vendor/fonts/{name}"] = fonts / name
    return {k: v for k, v in out.items() if v.is_file()}


class VendorFinder(BaseFinder):
    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        found = vendor_files().get(path)
        if found is None:
            return [] if find_all else None
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns):
        for path, file in vendor_files().items():
            storage = FileSystemStorage(location=str(file.parent))
            storage.prefix = str(Path(path).parent)
            yield file.name, storage
