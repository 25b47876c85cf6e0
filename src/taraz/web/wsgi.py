"""The WSGI application (gunicorn serves it through `taraz serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taraz.web.settings.local")

application = get_wsgi_application()
