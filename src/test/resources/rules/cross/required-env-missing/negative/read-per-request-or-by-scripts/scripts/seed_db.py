"""One-off: fills a fresh database. Run by hand, never by the container."""
import os
import sys

ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD")
if not ADMIN_PASSWORD:
    sys.exit("ADMIN_PASSWORD is required")
