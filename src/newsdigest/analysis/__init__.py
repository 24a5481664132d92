"""What a digest understands of an article: its language, headline, key facts and keywords."""
