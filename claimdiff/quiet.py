"""Libraries' log messages that are not the user's concern, silenced for one call and restored afterwards."""

from __future__ import annotations

import logging
from contextlib import contextmanager


@contextmanager
def quiet_logger(name: str = "", level: int = logging.ERROR):
    """Raise the level of logger `name` ("" for the root logger) while the block runs."""
    logger = logging.getLogger(name)
    previous = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(previous)
