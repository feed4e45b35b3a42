"""`make bench`: the runner (run.py, probe.py, loadclient.py) and the Django app that only its settings install.

The app holds what production must not serve or ship: the baseline pages every figure is divided by,
and the render-time commands. bench/settings.py installs it on top of the production settings.
"""
