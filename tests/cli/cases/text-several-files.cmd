text tests/cli/fixtures/renamed-v1.txt tests/cli/fixtures/missing.txt tests/cli/fixtures/units-v1.txt
