"""Feed watching: poll RSS/Atom feeds over HTTP, fetch new articles, ingest them.

``http`` is the polite client (timeouts, retries with backoff, conditional GET, per-host
rate limit, User-Agent); ``watcher`` the polling loop and its state; ``cli`` the command.
"""
