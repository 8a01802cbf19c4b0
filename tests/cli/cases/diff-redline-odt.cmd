diff --format markdown tests/cli/fixtures/hosting-tracked.odt
