diff --max-check-seconds 1e-9 --pack ambiguity tests/cli/fixtures/tree/sub/b-support.txt samples/mutual-nda.txt
