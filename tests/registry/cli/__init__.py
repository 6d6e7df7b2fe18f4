"""Tests of the flask commands, run through the CLI runner."""
