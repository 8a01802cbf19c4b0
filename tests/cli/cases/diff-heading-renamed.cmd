diff --fail-on warning tests/cli/fixtures/renamed-v1.txt tests/cli/fixtures/renamed-v2.txt
