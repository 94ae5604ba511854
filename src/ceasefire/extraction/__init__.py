"""NLP over news text: cleaning, places, actors, events, dates and quotes (spaCy + our components)."""
