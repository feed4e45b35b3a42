"""The demo: realistic bilingual data for `make run` and `make bench`, kept out of the apps that ship.

demo/data/<domain>/*.json holds the content; demo/loaders/<domain>.py turns it into rows through the
apps' models and services; `manage.py load_demo` runs the loaders in order.
"""
