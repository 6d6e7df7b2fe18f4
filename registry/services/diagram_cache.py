"""The cache of rendered diagrams, keyed by their content: in this process, or on Redis.

A diagram is keyed by the SHA-256 of its DOT source and its format, so an unchanged graph is
never drawn twice and a changed one can never be served stale. One machine keeps the renders
in a small LRU of its own process (the default). Several app servers set ``REGISTRY_REDIS_URL``
and share one cache there: a diagram drawn by one server is a hit on every other. A Redis that
fails is logged and the diagram drawn anyway; a cache never takes a page down.

Each request that rendered a diagram answers with ``X-Diagram-Cache: hit`` or ``miss`` (``miss``
when any of its diagrams had to be drawn), which tells an operator, and the two-server test,
where a render came from.
"""

import logging
import threading
from collections import OrderedDict

from flask import current_app, has_app_context, has_request_context, request

from arch_models import diagrams

log = logging.getLogger("registry.diagram_cache")

#: renders kept per process by the in-process cache
MEMORY_SIZE = 64
#: how long Redis keeps a render nobody asked for again (a changed graph has a new key)
REDIS_TTL_SECONDS = 7 * 24 * 3600
REDIS_PREFIX = "registry:diagram:"
HEADER = "X-Diagram-Cache"
EXTENSION = "registry_diagram_cache"
#: where a request notes whether its diagrams came from the cache (per request, unlike g,
#: which a test's app context keeps across requests)
_ENVIRON_KEY = "registry.diagram_cache"


class MemoryCache:
    """Renders in this process, the least recently used dropped past ``size``."""

    def __init__(self, size=MEMORY_SIZE):
        self._items, self._size, self._lock = OrderedDict(), size, threading.Lock()

    def get(self, key):
        """Return the render kept under ``key``, or None."""
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def set(self, key, body):
        """Keep ``body`` under ``key``, dropping the least recently used past the size."""
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


class RedisCache:
    """Renders on a Redis server several app servers share, each kept for ``ttl`` seconds."""

    def __init__(self, client, ttl=REDIS_TTL_SECONDS, prefix=REDIS_PREFIX):
        self._client, self._ttl, self._prefix = client, ttl, prefix

    @classmethod
    def from_url(cls, url, **kwargs):
        """Make a cache on the Redis server at ``url``."""
        import redis

        return cls(redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2),
                   **kwargs)

    def get(self, key):
        """Return the render kept under ``key``, or None."""
        return self._client.get(self._prefix + key)

    def set(self, key, body):
        """Keep ``body`` under ``key`` for ``ttl`` seconds."""
        self._client.set(self._prefix + key, body, ex=self._ttl)


class DiagramCache:
    """Render through a store (MemoryCache or RedisCache); count the hits and misses."""

    def __init__(self, store):
        self.store = store
        self.hits = self.misses = 0

    def get_or_render(self, dot, fmt):
        """Return (body, hit): the cached render of ``dot`` in ``fmt``, else a fresh one."""
        key = f"{diagrams.content_key(dot.source)}.{fmt}"
        body = self._call("get", key)
        if body is not None:
            self.hits += 1
            return body, True
        body = diagrams.render(dot, fmt)
        self.misses += 1
        self._call("set", key, body)
        return body, False

    def _call(self, method, *args):
        try:
            return getattr(self.store, method)(*args)
        except Exception as error:  # noqa: BLE001 -- any failure of the store: draw instead
            log.warning("diagram cache %s failed: %s", method, error)
            return None


#: the cache of one machine (and of code running outside an app)
memory_cache = DiagramCache(MemoryCache())


def init_app(app):
    """Give the app its cache (Redis when REGISTRY_REDIS_URL is set) and the response header."""
    url = app.config.get("REGISTRY_REDIS_URL")
    app.extensions[EXTENSION] = (DiagramCache(RedisCache.from_url(url)) if url
                                 else memory_cache)
    app.after_request(_add_header)


def current_cache():
    """Return the cache of the current app; the in-process one outside an app."""
    if has_app_context():
        return current_app.extensions.get(EXTENSION, memory_cache)
    return memory_cache


def render(dot, fmt):
    """Render ``dot`` as ``fmt`` through the current cache, noting hit or miss for the response."""
    body, hit = current_cache().get_or_render(dot, fmt)
    if has_request_context():
        seen = request.environ.get(_ENVIRON_KEY)
        request.environ[_ENVIRON_KEY] = "hit" if hit and seen != "miss" else "miss"
    return body


def _add_header(response):
    state = request.environ.get(_ENVIRON_KEY)
    if state:
        response.headers[HEADER] = state
    return response
