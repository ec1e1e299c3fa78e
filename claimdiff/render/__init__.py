"""Report renderers: terminal text, JSON, JSON Lines."""

FORMATS = ("text", "json", "jsonl")
