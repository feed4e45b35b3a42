"""One loader per domain, each `load(scale, rng, log)`; `manage.py load_demo` runs them in order."""
