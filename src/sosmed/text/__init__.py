"""Indonesian language: sentences, dates, stopwords, keywords."""
