"""Browser journeys (headless Chromium) and the served demo they run against."""
