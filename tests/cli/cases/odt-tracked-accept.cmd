tests/cli/fixtures/hosting-tracked.odt
