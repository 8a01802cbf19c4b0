diff --pack ambiguity tests/cli/fixtures/project/contracts/old/draft.txt tests/cli/fixtures/project/contracts/support.txt
