diff --no-config --pack ambiguity --disable amb-efforts --severity amb-vague-time=error tests/cli/fixtures/project/contracts/old/draft.txt tests/cli/fixtures/project/contracts/support.txt
