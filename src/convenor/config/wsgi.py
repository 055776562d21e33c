"""WSGI entry point for Convenor."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenor.config.settings")
application = get_wsgi_application()
