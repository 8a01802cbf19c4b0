diff --format json tests/cli/fixtures/units-v1.txt tests/cli/fixtures/units-v2.txt
