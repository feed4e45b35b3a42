"""gunicorn's settings for one app server of the production layout (deploy/systemd/ddd-gunicorn@.service).

Each server binds one loopback port (the unit's instance name) given with `--bind`; nginx spreads the
requests over them (deploy/nginx/ddd.conf.template). Sizes come from the environment file.
"""

import os

# Processes per server: about one per core across all servers on the machine.
workers = int(os.environ.get("GUNICORN_WORKERS") or 2)
# Threads keep nginx's upstream connections open between requests (the sync worker closes each one).
# Django's database connections are per thread: count workers x threads x servers against PostgreSQL's
# max_connections.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
# Longer than nginx's upstream keepalive_timeout (60 s): nginx closes idle connections, not gunicorn,
# so nginx never sends a request on a connection gunicorn is closing.
keepalive = 75
# A request that takes longer is stuck: the worker is replaced (nginx's proxy_read_timeout is 35 s).
timeout = 30
graceful_timeout = 20
# Replace workers now and then, jittered so that they do not restart together.
max_requests = 20000
max_requests_jitter = 2000
# Access logs to the journal, with the upstream connection's port (keep-alive shows as one port
# answering many requests) and the time taken in microseconds.
accesslog = "-"
access_log_format = '%(h)s:%({remote_port}e)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'
