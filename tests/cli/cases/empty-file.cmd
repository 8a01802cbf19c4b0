tests/cli/fixtures/empty.txt
