tests/cli/fixtures/project
