"""Tests of the application as a whole: configuration, security, sessions, limits."""
