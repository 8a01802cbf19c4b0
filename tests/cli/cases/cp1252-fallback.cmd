tests/cli/fixtures/cp1252.txt
