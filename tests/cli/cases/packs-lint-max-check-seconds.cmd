packs lint --max-check-seconds 1e-9 tests/cli/fixtures/mini-pack.xml
