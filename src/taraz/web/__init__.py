"""The Django project: the public dashboard, the open data API and the staff data desk.

One app per domain (`dashboard`, `api`, `datadesk`, `audit`, and `site` for the page shell).
Figures come only from `taraz.stats`, through `taraz.web.figures`; the warehouse is opened once
per server process (`taraz.web.hub`).
"""
