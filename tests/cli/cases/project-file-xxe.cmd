tests/cli/fixtures/xxeproject/support.txt
