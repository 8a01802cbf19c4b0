tests/cli/fixtures/unknownrule/support.txt
