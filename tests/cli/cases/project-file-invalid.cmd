tests/cli/fixtures/badproject/support.txt
