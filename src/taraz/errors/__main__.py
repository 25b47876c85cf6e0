"""`python -m taraz.errors` prints docs/errors.md, the catalogue as a page (a test keeps it true)."""

from taraz.errors.markdown import catalogue_markdown

if __name__ == "__main__":  # pragma: no cover
    print(catalogue_markdown(), end="")
