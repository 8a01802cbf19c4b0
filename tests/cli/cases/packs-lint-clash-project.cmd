packs lint --config tests/cli/fixtures/project/.clauselint.xml tests/cli/fixtures/clash-pack.xml
