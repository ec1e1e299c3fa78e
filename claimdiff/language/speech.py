"""Verbs of speech: the verbs news uses to attribute a statement ("said", "told", "warned"), as lemmas."""

SPEECH_VERBS = {
    "say", "tell", "add", "state", "note", "write", "declare", "insist", "argue", "claim", "warn", "explain",
    "announce", "report", "stress", "emphasize", "emphasise", "acknowledge", "admit", "deny", "reply", "respond",
    "ask", "suggest", "conclude", "comment", "observe", "vow", "pledge", "promise", "confirm", "allege",
}
