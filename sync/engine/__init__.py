"""The sync engine: one run per seller × channel (`sync_channel`), reviews/questions by watermark, chats by cursor."""

from sync.engine.run import sync_channel

__all__ = ["sync_channel"]
