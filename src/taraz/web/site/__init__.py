"""The page shell: base template, wording in Persian and English, language switch, error pages,
security headers, and the static files that come from other packages (plotly, fonts)."""
