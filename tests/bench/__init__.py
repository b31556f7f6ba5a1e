"""Tests of the benchmark tools in bench/ (a package only so that its test module names do not clash with tests/cli)."""
