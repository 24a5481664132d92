"""The morning briefing: many articles grouped into ranked stories, and the feeds and store that bring them."""
