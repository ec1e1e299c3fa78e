"""What the stages share about language: the spaCy parser (one per run), sentence splitting, quotation marks and
the verbs of speech. Stages import from here, never from each other."""
