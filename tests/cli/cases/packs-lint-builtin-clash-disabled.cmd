packs lint --disable-pack outsourcing tests/cli/fixtures/clash-pack.xml
