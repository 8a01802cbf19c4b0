text -o tests/cli/fixtures/no-such-text.txt samples/mutual-nda.txt; echo "exit $?"; test -e tests/cli/fixtures/no-such-text.txt && echo written || echo "not written"
